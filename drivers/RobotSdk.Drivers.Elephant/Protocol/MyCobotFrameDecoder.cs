namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// Turns a byte stream into myCobot frames without allocating: bytes go in with
/// <see cref="GetAppendBuffer"/> and <see cref="Commit"/> (or <see cref="Append"/>), complete frames
/// come out of <see cref="TryDecode"/>. Not thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Garbage before a header is skipped (<see cref="DiscardedBytes"/>). A header followed by a LEN
/// outside 2..<see cref="MyCobotProtocol.MaxLengthByte"/>, or by anything but the footer where LEN
/// puts it, is rejected (<see cref="RejectedFrames"/>) and decoding resumes one byte later, so a
/// stray <c>FE</c> right before a real header (<c>FE FE FE 0E 20 ...</c>, the line noise pymycobot
/// issue #28 reports on get_angles) costs one rejection, not the frame.
/// </para>
/// <para>
/// A header whose frame is still incomplete is also rejected when a complete, valid frame already
/// follows it in the buffer: a garbage <c>FE FE</c> with a large LEN would otherwise hold back the
/// real reply behind it until the caller's timeout.
/// </para>
/// </remarks>
public sealed class MyCobotFrameDecoder
{
    private readonly byte[] _buffer;
    private int _start;
    private int _count;
    private int _pendingConsume;

    /// <summary>Creates a decoder holding up to <paramref name="capacity"/> bytes (at least two frames' worth).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is below two maximum frames.</exception>
    public MyCobotFrameDecoder(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2 * MyCobotProtocol.MaxFrameLength);
        _buffer = new byte[capacity];
    }

    /// <summary>Bytes held and not yet decoded (the last frame returned included until the next call).</summary>
    public int Count => _count;

    /// <summary>Bytes skipped while looking for a header, since creation.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>Headers rejected for a bad LEN or a missing footer, since creation.</summary>
    public long RejectedFrames { get; private set; }

    /// <summary>Forgets every byte held (before a new request, so old bytes cannot be taken for its reply).</summary>
    public void Clear()
    {
        _start = 0;
        _count = 0;
        _pendingConsume = 0;
    }

    /// <summary>
    /// The free space to read bytes into (from a port, without copying); call <see cref="Commit"/>
    /// with how many were written. Invalidates the last frame returned.
    /// </summary>
    public Span<byte> GetAppendBuffer()
    {
        ConsumePending();
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _count).CopyTo(_buffer);
            _start = 0;
        }

        if (_count == _buffer.Length)
        {
            // Full without a frame cannot happen with valid frames (capacity >= two frames); drop the oldest half.
            int drop = _buffer.Length / 2;
            DiscardedBytes += drop;
            _buffer.AsSpan(drop, _count - drop).CopyTo(_buffer);
            _count -= drop;
        }

        return _buffer.AsSpan(_count);
    }

    /// <summary>Adds <paramref name="count"/> bytes written into <see cref="GetAppendBuffer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More bytes than the free space.</exception>
    public void Commit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _start - _count);
        _count += count;
    }

    /// <summary>Copies <paramref name="bytes"/> in (as much as fits; call <see cref="TryDecode"/> and append the rest).</summary>
    /// <returns>How many bytes were taken.</returns>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        Span<byte> free = GetAppendBuffer();
        int taken = Math.Min(free.Length, bytes.Length);
        bytes[..taken].CopyTo(free);
        Commit(taken);
        return taken;
    }

    /// <summary>
    /// Decodes the next frame. <paramref name="frame"/> is valid for <see cref="MyCobotDecodeResult.Frame"/>
    /// only, and only until the next call on this decoder.
    /// </summary>
    public MyCobotDecodeResult TryDecode(out MyCobotFrame frame)
    {
        frame = default;
        ConsumePending();
        ReadOnlySpan<byte> bytes = _buffer.AsSpan(_start, _count);
        int header = FindHeader(bytes);
        if (header < 0)
        {
            // Keep a trailing FE: it may be the first half of a header.
            int keep = bytes.Length > 0 && bytes[^1] == MyCobotProtocol.Header ? 1 : 0;
            Skip(bytes.Length - keep);
            return MyCobotDecodeResult.NeedMoreData;
        }

        Skip(header);
        bytes = _buffer.AsSpan(_start, _count);
        if (bytes.Length < 3)
        {
            return MyCobotDecodeResult.NeedMoreData;
        }

        int lengthByte = bytes[2];
        if (lengthByte is < 2 or > MyCobotProtocol.MaxLengthByte)
        {
            Reject(1);
            return MyCobotDecodeResult.Rejected;
        }

        int frameLength = lengthByte + 3;
        if (bytes.Length < frameLength)
        {
            int next = FindCompleteFrame(bytes, 1);
            if (next < 0)
            {
                return MyCobotDecodeResult.NeedMoreData;
            }

            Reject(next);
            return MyCobotDecodeResult.Rejected;
        }

        if (bytes[frameLength - 1] != MyCobotProtocol.Footer)
        {
            Reject(1);
            return MyCobotDecodeResult.Rejected;
        }

        frame = new MyCobotFrame(bytes[3], bytes.Slice(4, lengthByte - 2));
        _pendingConsume = frameLength;
        return MyCobotDecodeResult.Frame;
    }

    /// <summary>Index of the first <c>FE FE</c> in <paramref name="bytes"/>, or -1.</summary>
    private static int FindHeader(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (true)
        {
            int found = bytes[at..].IndexOf(MyCobotProtocol.Header);
            if (found < 0)
            {
                return -1;
            }

            at += found;
            if (at + 1 >= bytes.Length)
            {
                return -1;
            }

            if (bytes[at + 1] == MyCobotProtocol.Header)
            {
                return at;
            }

            at++;
        }
    }

    /// <summary>Index at or after <paramref name="from"/> where a complete frame with a valid LEN and footer starts, or -1.</summary>
    private static int FindCompleteFrame(ReadOnlySpan<byte> bytes, int from)
    {
        for (int at = from; at + MyCobotProtocol.FrameOverhead <= bytes.Length; at++)
        {
            if (bytes[at] != MyCobotProtocol.Header || bytes[at + 1] != MyCobotProtocol.Header)
            {
                continue;
            }

            int lengthByte = bytes[at + 2];
            int end = at + lengthByte + 3;
            if (lengthByte is >= 2 and <= MyCobotProtocol.MaxLengthByte && end <= bytes.Length && bytes[end - 1] == MyCobotProtocol.Footer)
            {
                return at;
            }
        }

        return -1;
    }

    private void ConsumePending()
    {
        if (_pendingConsume > 0)
        {
            _start += _pendingConsume;
            _count -= _pendingConsume;
            _pendingConsume = 0;
        }

        if (_count == 0)
        {
            _start = 0;
        }
    }

    private void Skip(int bytes)
    {
        DiscardedBytes += bytes;
        _start += bytes;
        _count -= bytes;
    }

    private void Reject(int bytes)
    {
        RejectedFrames++;
        Skip(bytes);
    }
}
