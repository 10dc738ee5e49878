namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Byte-exact encoding and decoding of Feetech SCS/STS packets, into and out of caller-provided
/// buffers, without allocation.
/// <list type="bullet">
/// <item>Instruction: <c>FF FF ID LEN INST params CHK</c>, LEN = params + 2.</item>
/// <item>Status: <c>FF FF ID LEN ERR data CHK</c>.</item>
/// <item>CHK = ~(ID + LEN + INST/ERR + sum(params)) &amp; 0xFF.</item>
/// </list>
/// Addresses and lengths are one byte; multi-byte values are little-endian on STS/SMS servos
/// (see <see cref="StsEncoding"/>). Feetech has no bulk read: use <see cref="EncodeSyncRead"/>
/// for the same range on several servos, or one read per servo.
/// </summary>
public static class FeetechPacket
{
    /// <summary>The header byte; every packet starts with two.</summary>
    public const byte Header = 0xFF;

    /// <summary>The broadcast ID: every servo executes the instruction, none answers (except a broadcast ping).</summary>
    public const byte BroadcastId = 0xFE;

    /// <summary>Highest ID a servo can have (the memory table allows 0 to 253).</summary>
    public const byte MaxServoId = 0xFD;

    /// <summary>Bytes of a packet around its parameters: two header bytes, ID, LEN, INST/ERR and CHK.</summary>
    public const int Overhead = 6;

    /// <summary>Most parameter bytes one packet can carry (LEN is one byte: 255 - 2).</summary>
    public const int MaxParameterLength = 253;

    /// <summary>Longest packet in bytes.</summary>
    public const int MaxPacketLength = MaxParameterLength + Overhead;

    /// <summary>The checksum of the bytes from ID to the last parameter: ~sum &amp; 0xFF.</summary>
    /// <param name="body">ID, LEN, INST/ERR and the parameters.</param>
    public static byte Checksum(ReadOnlySpan<byte> body)
    {
        int sum = 0;
        foreach (byte b in body)
        {
            sum += b;
        }

        return (byte)~sum;
    }

    /// <summary>Encodes an instruction packet with arbitrary parameters.</summary>
    /// <param name="destination">Where to write; at least <c>parameters.Length + 6</c> bytes.</param>
    /// <param name="id">Servo ID or <see cref="BroadcastId"/>.</param>
    /// <param name="instruction">The instruction.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <returns>The packet length.</returns>
    public static int EncodeInstruction(Span<byte> destination, byte id, FeetechInstruction instruction, ReadOnlySpan<byte> parameters)
    {
        int length = Begin(destination, id, (byte)instruction, parameters.Length);
        parameters.CopyTo(destination[5..]);
        return Seal(destination, length);
    }

    /// <summary>Encodes a Ping: <c>FF FF ID 02 01 CHK</c>.</summary>
    /// <returns>The packet length (6).</returns>
    public static int EncodePing(Span<byte> destination, byte id) =>
        EncodeInstruction(destination, id, FeetechInstruction.Ping, []);

    /// <summary>Encodes a Read of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    /// <returns>The packet length (8).</returns>
    public static int EncodeRead(Span<byte> destination, byte id, byte address, byte length)
    {
        int total = Begin(destination, id, (byte)FeetechInstruction.Read, 2);
        destination[5] = address;
        destination[6] = length;
        return Seal(destination, total);
    }

    /// <summary>Encodes a Write (or, with <paramref name="registered"/>, a RegWrite) of <paramref name="data"/> at <paramref name="address"/>.</summary>
    /// <returns>The packet length (<c>data.Length + 7</c>).</returns>
    public static int EncodeWrite(Span<byte> destination, byte id, byte address, ReadOnlySpan<byte> data, bool registered = false)
    {
        FeetechInstruction instruction = registered ? FeetechInstruction.RegWrite : FeetechInstruction.Write;
        int total = Begin(destination, id, (byte)instruction, data.Length + 1);
        destination[5] = address;
        data.CopyTo(destination[6..]);
        return Seal(destination, total);
    }

    /// <summary>Encodes a Sync Read of the same range from <paramref name="ids"/>, sent to the broadcast ID.</summary>
    /// <returns>The packet length (<c>ids.Length + 8</c>).</returns>
    public static int EncodeSyncRead(Span<byte> destination, byte address, byte length, ReadOnlySpan<byte> ids)
    {
        int total = Begin(destination, BroadcastId, (byte)FeetechInstruction.SyncRead, ids.Length + 2);
        destination[5] = address;
        destination[6] = length;
        ids.CopyTo(destination[7..]);
        return Seal(destination, total);
    }

    /// <summary>
    /// Encodes a Sync Write of <paramref name="length"/> bytes at <paramref name="address"/> on each
    /// of <paramref name="ids"/>: <paramref name="data"/> holds <c>length</c> bytes per ID, in ID order.
    /// </summary>
    /// <returns>The packet length (<c>ids.Length * (length + 1) + 8</c>).</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not <c>ids.Length * length</c> bytes.</exception>
    public static int EncodeSyncWrite(Span<byte> destination, byte address, byte length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data)
    {
        if (data.Length != ids.Length * length)
        {
            throw new ArgumentException($"Sync write of {length} bytes to {ids.Length} servos needs {ids.Length * length} data bytes, got {data.Length}.", nameof(data));
        }

        int total = Begin(destination, BroadcastId, (byte)FeetechInstruction.SyncWrite, (ids.Length * (length + 1)) + 2);
        destination[5] = address;
        destination[6] = length;
        int offset = 7;
        for (int i = 0; i < ids.Length; i++)
        {
            destination[offset++] = ids[i];
            data.Slice(i * length, length).CopyTo(destination[offset..]);
            offset += length;
        }

        return Seal(destination, total);
    }

    /// <summary>Encodes a status packet (what a servo answers).</summary>
    /// <returns>The packet length (<c>data.Length + 6</c>).</returns>
    public static int EncodeStatus(Span<byte> destination, byte id, FeetechErrors error, ReadOnlySpan<byte> data)
    {
        int total = Begin(destination, id, (byte)error, data.Length);
        data.CopyTo(destination[5..]);
        return Seal(destination, total);
    }

    /// <summary>
    /// Where a packet may start in <paramref name="buffer"/>: the first <c>FF FF</c> not followed by
    /// another <c>FF</c> (an ID is never 0xFF), or a trailing <c>FF</c> / <c>FF FF</c> that may be the
    /// start of one. Bytes before it are line noise or the tail of a stale reply.
    /// </summary>
    /// <returns>The index, or -1 when nothing in the buffer can start a packet.</returns>
    public static int FindHeader(ReadOnlySpan<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] != Header)
            {
                continue;
            }

            if (i + 1 == buffer.Length || (buffer[i + 1] == Header && (i + 2 == buffer.Length || buffer[i + 2] != Header)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Decodes the packet at the start of <paramref name="buffer"/> (which must begin with the
    /// header, see <see cref="FindHeader"/>) and verifies its checksum.
    /// </summary>
    /// <param name="buffer">Received bytes, starting at a header.</param>
    /// <param name="frame">The packet, when the result is <see cref="FeetechDecodeResult.Ok"/>.</param>
    public static FeetechDecodeResult TryDecode(ReadOnlySpan<byte> buffer, out FeetechFrame frame)
    {
        frame = default;
        if ((buffer.Length >= 1 && buffer[0] != Header) || (buffer.Length >= 2 && buffer[1] != Header))
        {
            return FeetechDecodeResult.Malformed;
        }

        if (buffer.Length < 4)
        {
            return FeetechDecodeResult.NeedMoreData;
        }

        int lengthByte = buffer[3];
        if (buffer[2] == Header || lengthByte < 2)
        {
            return FeetechDecodeResult.Malformed;
        }

        int total = lengthByte + 4;
        if (buffer.Length < total)
        {
            return FeetechDecodeResult.NeedMoreData;
        }

        if (Checksum(buffer[2..(total - 1)]) != buffer[total - 1])
        {
            return FeetechDecodeResult.BadChecksum;
        }

        frame = new FeetechFrame(buffer[2], buffer[4], buffer[5..(total - 1)], total);
        return FeetechDecodeResult.Ok;
    }

    private static int Begin(Span<byte> destination, byte id, byte code, int parameterLength)
    {
        if (parameterLength > MaxParameterLength)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterLength), parameterLength, $"A packet carries at most {MaxParameterLength} parameter bytes.");
        }

        int total = parameterLength + Overhead;
        if (destination.Length < total)
        {
            throw new ArgumentException($"The packet needs {total} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = Header;
        destination[1] = Header;
        destination[2] = id;
        destination[3] = (byte)(parameterLength + 2);
        destination[4] = code;
        return total;
    }

    private static int Seal(Span<byte> destination, int total)
    {
        destination[total - 1] = Checksum(destination[2..(total - 1)]);
        return total;
    }
}
