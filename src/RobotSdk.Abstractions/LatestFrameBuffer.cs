using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace RobotSdk;

/// <summary>
/// The shared core of an <see cref="ICamera"/> with latest-value semantics: a ring of preallocated
/// pinned pixel buffers, the newest frame, dropped-frame counting, readers waiting for a newer
/// frame, and the fault that ended the stream. A camera's capture thread writes frames with
/// <see cref="BeginWrite"/>/<see cref="Publish"/>; its readers call <see cref="TryGetLatest"/> and
/// <see cref="ReadNextAsync"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Frame n goes into buffer n mod count, so its pixels survive until count - 1 newer frames have been
/// written; <see cref="Holds"/> tells a reader afterwards whether they were overwritten meanwhile.
/// Buffers are allocated on the first write, then reused: a steady stream allocates only the small
/// <see cref="CameraFrame"/> record per frame. Waiting readers are completed on the thread pool, never
/// on the capture thread, so a slow consumer cannot stall capture. After <see cref="Fail"/>, a frame
/// no reader took is still handed out once; then reads throw the fault.
/// </remarks>
public sealed class LatestFrameBuffer
{
    private const long BeingWritten = -1;

    private readonly int _frameSizeBytes;
    private readonly byte[]?[] _buffers;
    private readonly long[] _heldSequence;
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private readonly List<Waiter> _readyWaiters = [];
    private CameraFrame? _latest;
    private bool _latestTaken;
    private Exception? _fault;
    private long _droppedFrames;
    private long _framesPublished;

    /// <summary>Creates the buffer; no pixel memory is allocated until the first write.</summary>
    /// <param name="bufferCount">Pixel buffers in the ring, at least 2.</param>
    /// <param name="frameSizeBytes">Bytes of one frame's pixels.</param>
    public LatestFrameBuffer(int bufferCount, int frameSizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCount, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSizeBytes);
        _frameSizeBytes = frameSizeBytes;
        _buffers = new byte[bufferCount][];
        _heldSequence = new long[bufferCount];
        Array.Fill(_heldSequence, BeingWritten);
    }

    /// <summary>Frames replaced by a newer one before any reader took them.</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    /// <summary>Frames published so far.</summary>
    public long FramesPublished => Interlocked.Read(ref _framesPublished);

    /// <summary>Why the stream ended, or null while it runs.</summary>
    public Exception? Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
    }

    /// <summary>Whether any frame was published.</summary>
    public bool HasFrame
    {
        get
        {
            lock (_gate)
            {
                return _latest is not null;
            }
        }
    }

    /// <summary>Marks the buffer of frame <paramref name="sequenceNumber"/> as being overwritten and returns it (pinned: it never moves).</summary>
    /// <param name="sequenceNumber">The frame's number, from 0.</param>
    /// <returns>The pixel buffer to fill.</returns>
    public byte[] BeginWrite(long sequenceNumber)
    {
        int slot = Slot(sequenceNumber);
        byte[] buffer = _buffers[slot] ??= GC.AllocateUninitializedArray<byte>(_frameSizeBytes, pinned: true);

        // A full fence: the mark must be visible before any pixel of the new frame.
        Interlocked.Exchange(ref _heldSequence[slot], BeingWritten);
        return buffer;
    }

    /// <summary>
    /// Records that <paramref name="frame"/>'s buffer (from <see cref="BeginWrite"/>) is complete, makes it
    /// the latest frame (counting the previous one as dropped if nobody took it) and hands it to every
    /// reader waiting for a frame this new.
    /// </summary>
    /// <param name="frame">The frame, whose pixels are the buffer <see cref="BeginWrite"/> returned for its sequence number.</param>
    public void Publish(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Volatile.Write(ref _heldSequence[Slot(frame.SequenceNumber)], frame.SequenceNumber);
        List<Waiter> ready = _readyWaiters; // only the capture thread publishes
        lock (_gate)
        {
            if (_latest is not null && !_latestTaken)
            {
                _droppedFrames++;
            }

            _latest = frame;
            _framesPublished++;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (frame.SequenceNumber > _waiters[i].AfterSequenceNumber)
                {
                    ready.Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }

            _latestTaken = ready.Count > 0;
        }

        // Completed outside the lock; continuations run on the thread pool.
        foreach (Waiter waiter in ready)
        {
            waiter.TrySetResult(frame);
        }

        ready.Clear();
    }

    /// <summary>Records why the stream ended (the first reason wins unless <paramref name="replace"/>) and fails every waiting reader with it.</summary>
    /// <param name="fault">The reason, thrown to readers once no untaken frame is left.</param>
    /// <param name="replace">Whether to replace an earlier reason (for example by disposal).</param>
    public void Fail(Exception fault, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Waiter[] waiting;
        lock (_gate)
        {
            if (_fault is null || replace)
            {
                _fault = fault;
            }

            fault = _fault;
            waiting = [.. _waiters];
            _waiters.Clear();
        }

        foreach (Waiter waiter in waiting)
        {
            waiter.TrySetException(fault);
        }
    }

    /// <summary>The newest frame, or false when none has arrived yet.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>Whether there is one.</returns>
    /// <exception cref="Exception">The stream's fault, once it ended and its last frame was taken.</exception>
    public bool TryGetLatest([NotNullWhen(true)] out CameraFrame? frame)
    {
        lock (_gate)
        {
            if (_fault is { } fault && (_latest is null || _latestTaken))
            {
                throw fault;
            }

            frame = _latest;
            _latestTaken |= frame is not null;
            return frame is not null;
        }
    }

    /// <summary>The newest frame if it is newer than <paramref name="afterSequenceNumber"/> (without allocating), else waits for one.</summary>
    /// <param name="afterSequenceNumber">The last frame the reader has, or -1.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The frame; faulted with the stream's fault once it ended and its last frame was taken.</returns>
    public ValueTask<CameraFrame> ReadNextAsync(long afterSequenceNumber, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<CameraFrame>(cancellationToken);
        }

        Waiter waiter;
        lock (_gate)
        {
            if (_latest is { } latest && latest.SequenceNumber > afterSequenceNumber)
            {
                _latestTaken = true;
                return new ValueTask<CameraFrame>(latest);
            }

            if (_fault is { } fault)
            {
                return ValueTask.FromException<CameraFrame>(fault);
            }

            waiter = new Waiter(afterSequenceNumber);
            _waiters.Add(waiter);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    /// <summary>Whether <paramref name="frame"/>'s pixels are one of these buffers and still hold that frame.</summary>
    /// <param name="frame">A frame this buffer published.</param>
    /// <returns>False once its buffer was reused for a newer frame.</returns>
    public bool Holds(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
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

    private async ValueTask<CameraFrame> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        await using (cancellationToken.UnsafeRegister(CancelWaiter, (this, waiter)).ConfigureAwait(false))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    private static void CancelWaiter(object? state)
    {
        (LatestFrameBuffer buffer, Waiter waiter) = ((LatestFrameBuffer, Waiter))state!;
        lock (buffer._gate)
        {
            buffer._waiters.Remove(waiter);
        }

        waiter.TrySetCanceled();
    }

    /// <summary>A reader waiting for a frame newer than <see cref="AfterSequenceNumber"/>.</summary>
    private sealed class Waiter(long afterSequenceNumber) : TaskCompletionSource<CameraFrame>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long AfterSequenceNumber { get; } = afterSequenceNumber;
    }
}
