using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>
/// Preallocated pixel buffers used in turn: frame n goes into buffer n mod count, so a frame's
/// pixels survive until count - 1 newer frames have been rendered. Each buffer records which frame
/// it holds (or -1 while being overwritten), so a reader can check afterwards that what it read was
/// not overwritten meanwhile. (The same scheme as the Transports ffmpeg camera's ring.)
/// </summary>
internal sealed class SimulatedFrameRing
{
    private const long BeingWritten = -1;

    private readonly byte[][] _buffers;
    private readonly long[] _heldSequence;

    public SimulatedFrameRing(int count, int frameSizeBytes)
    {
        _buffers = new byte[count][];
        _heldSequence = new long[count];
        for (int i = 0; i < count; i++)
        {
            // Pinned: the renderer writes into them through a pointer, and they never move.
            _buffers[i] = GC.AllocateUninitializedArray<byte>(frameSizeBytes, pinned: true);
            _heldSequence[i] = BeingWritten;
        }
    }

    /// <summary>Marks the buffer for <paramref name="sequenceNumber"/> as being overwritten and returns it.</summary>
    public byte[] BeginWrite(long sequenceNumber)
    {
        int slot = Slot(sequenceNumber);
        Interlocked.Exchange(ref _heldSequence[slot], BeingWritten);
        return _buffers[slot];
    }

    /// <summary>Records that the buffer now holds all of <paramref name="sequenceNumber"/>.</summary>
    public void EndWrite(long sequenceNumber) => Volatile.Write(ref _heldSequence[Slot(sequenceNumber)], sequenceNumber);

    /// <summary>Whether <paramref name="frame"/>'s pixels are one of these buffers and still hold that frame.</summary>
    public bool Holds(CameraFrame frame)
    {
        if (frame.SequenceNumber < 0 || !MemoryMarshal.TryGetArray(frame.Pixels, out ArraySegment<byte> segment))
        {
            return false;
        }

        int slot = Slot(frame.SequenceNumber);
        Interlocked.MemoryBarrier();
        return ReferenceEquals(segment.Array, _buffers[slot]) && Volatile.Read(ref _heldSequence[slot]) == frame.SequenceNumber;
    }

    private int Slot(long sequenceNumber) => (int)(sequenceNumber % _buffers.Length);
}
