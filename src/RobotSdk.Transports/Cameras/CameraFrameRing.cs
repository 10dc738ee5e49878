using System.Runtime.InteropServices;

namespace RobotSdk.Transports.Cameras;

/// <summary>
/// Preallocated pixel buffers used in turn: frame n goes into buffer n mod count, so a frame's
/// pixels survive until count - 1 newer frames have arrived. Each buffer records which frame it
/// holds (or -1 while being overwritten), so a reader can check afterwards that what it read was
/// not overwritten meanwhile.
/// </summary>
internal sealed class CameraFrameRing
{
    private const long BeingWritten = -1;

    private readonly byte[][] _buffers;
    private readonly long[] _heldSequence;

    public CameraFrameRing(int count, int frameSizeBytes)
    {
        _buffers = new byte[count][];
        _heldSequence = new long[count];
        for (int i = 0; i < count; i++)
        {
            // Pinned: the memory never moves, and large frames stay out of compaction work.
            _buffers[i] = GC.AllocateUninitializedArray<byte>(frameSizeBytes, pinned: true);
            _heldSequence[i] = BeingWritten;
        }
    }

    /// <summary>Marks the buffer for <paramref name="sequenceNumber"/> as being overwritten and returns it.</summary>
    public byte[] BeginWrite(long sequenceNumber)
    {
        int slot = Slot(sequenceNumber);

        // A full fence: the mark must be visible before any pixel of the new frame.
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

        // A full fence: the caller's reads of the pixels must complete before this check.
        Interlocked.MemoryBarrier();
        return ReferenceEquals(segment.Array, _buffers[slot]) && Volatile.Read(ref _heldSequence[slot]) == frame.SequenceNumber;
    }

    private int Slot(long sequenceNumber) => (int)(sequenceNumber % _buffers.Length);
}
