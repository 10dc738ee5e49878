namespace RobotSdk.Transports;

/// <summary>
/// Lawicel SLCAN ASCII lines, formatted into and parsed from caller buffers without allocation.
/// Frames: <c>tIIILDD..</c> (standard), <c>TIIIIIIIILDD..</c> (extended), <c>rIIIL</c> and
/// <c>RIIIIIIIIL</c> (remote), uppercase hex, terminated by CR.
/// </summary>
internal static class SlcanCodec
{
    /// <summary>Carriage return: ends every line, and alone means "command OK".</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary>BEL: the adapter's "error" reply.</summary>
    public const byte Bell = 0x07;

    /// <summary>The longest frame line with its CR: T + 8 id digits + length + 16 data digits + CR.</summary>
    public const int MaxFrameLineLength = 27;

    /// <summary>Some firmwares append a 4-digit millisecond timestamp to received frames (after <c>Z1</c>).</summary>
    private const int TimestampDigits = 4;

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>Writes the frame's line including its CR; returns the byte count.</summary>
    /// <exception cref="ArgumentException">The frame is an error frame, which SLCAN cannot transmit.</exception>
    public static int Format(in CanFrame frame, Span<byte> destination)
    {
        if (frame.IsError)
        {
            throw new ArgumentException("SLCAN cannot transmit error frames.", nameof(frame));
        }

        int position = 0;
        destination[position++] = (byte)(frame.IsRemote ? (frame.IsExtended ? 'R' : 'r') : (frame.IsExtended ? 'T' : 't'));
        int idDigits = frame.IsExtended ? 8 : 3;
        for (int shift = (idDigits - 1) * 4; shift >= 0; shift -= 4)
        {
            destination[position++] = HexDigits[(int)((frame.Id >> shift) & 0xF)];
        }

        destination[position++] = (byte)('0' + frame.Length);
        foreach (byte value in frame.Data)
        {
            destination[position++] = HexDigits[value >> 4];
            destination[position++] = HexDigits[value & 0xF];
        }

        destination[position++] = CarriageReturn;
        return position;
    }

    /// <summary>Writes a setup command such as <c>S8</c> (bitrate index 8 = 1 Mbit/s) with its CR.</summary>
    public static int FormatBitrateCommand(int bitrateIndex, Span<byte> destination)
    {
        destination[0] = (byte)'S';
        destination[1] = (byte)('0' + bitrateIndex);
        destination[2] = CarriageReturn;
        return 3;
    }

    /// <summary>Classifies a line (without its CR) and decodes it when it is a frame.</summary>
    public static SlcanLineKind Parse(ReadOnlySpan<byte> line, out CanFrame frame)
    {
        frame = default;
        if (line.IsEmpty || (line.Length == 1 && line[0] is (byte)'z' or (byte)'Z'))
        {
            return SlcanLineKind.Acknowledgement;
        }

        (int idDigits, bool isExtended, bool isRemote) = line[0] switch
        {
            (byte)'t' => (3, false, false),
            (byte)'T' => (8, true, false),
            (byte)'r' => (3, false, true),
            (byte)'R' => (8, true, true),
            _ => (0, false, false),
        };
        if (idDigits == 0 || line.Length < 2 + idDigits || !TryParseHex(line.Slice(1, idDigits), out uint id)
            || id > (isExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId))
        {
            return SlcanLineKind.Malformed;
        }

        int length = line[1 + idDigits] - '0';
        if ((uint)length > CanFrame.MaxLength)
        {
            return SlcanLineKind.Malformed;
        }

        int dataStart = 2 + idDigits;
        int dataDigits = isRemote ? 0 : 2 * length;
        int expected = dataStart + dataDigits;
        if ((line.Length != expected && line.Length != expected + TimestampDigits)
            || !TryParseHex(line[expected..], out _))
        {
            return SlcanLineKind.Malformed;
        }

        if (isRemote)
        {
            frame = CanFrame.CreateRemote(id, length, isExtended);
            return SlcanLineKind.Frame;
        }

        Span<byte> data = stackalloc byte[CanFrame.MaxLength];
        for (int index = 0; index < length; index++)
        {
            if (!TryParseHex(line.Slice(dataStart + (2 * index), 2), out uint value))
            {
                return SlcanLineKind.Malformed;
            }

            data[index] = (byte)value;
        }

        frame = new CanFrame(id, data[..length], isExtended);
        return SlcanLineKind.Frame;
    }

    /// <summary>Parses up to eight hex digits (either case); true for an empty span.</summary>
    private static bool TryParseHex(ReadOnlySpan<byte> digits, out uint value)
    {
        value = 0;
        foreach (byte digit in digits)
        {
            int nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)nibble;
        }

        return true;
    }
}
