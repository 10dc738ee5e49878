using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// Builds Protocol 2.0 packets into caller-provided buffers, without allocating:
/// <c>FF FF FD 00 | ID | LEN_L LEN_H | INST | params... | CRC_L CRC_H</c>, with byte stuffing
/// from INST to the last parameter (LEN counts the stuffed bytes) and the CRC computed over
/// the stuffed packet.
/// </summary>
public static class PacketEncoder
{
    /// <summary>Bytes before INST: the four header bytes, ID and the two LEN bytes.</summary>
    public const int HeaderLength = 7;

    /// <summary>The largest packet, in bytes, of <paramref name="parameterLength"/> parameters (status packets: error byte included).</summary>
    /// <param name="parameterLength">Number of parameter bytes before stuffing.</param>
    /// <returns>Header, INST, error byte, parameters, worst-case stuffing and CRC.</returns>
    public static int MaxPacketLength(int parameterLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterLength);
        int body = parameterLength + 2;
        return HeaderLength + body + ByteStuffing.MaxGrowth(body) + 2;
    }

    /// <summary>Encodes an instruction packet.</summary>
    /// <param name="destination">Where to write; at least <see cref="MaxPacketLength"/> of the parameter length.</param>
    /// <param name="id">The servo ID, or <see cref="ServoIds.Broadcast"/>.</param>
    /// <param name="instruction">The instruction.</param>
    /// <param name="parameters">The parameters, before stuffing.</param>
    /// <returns>The packet's length in bytes.</returns>
    public static int EncodeInstruction(Span<byte> destination, byte id, Instruction instruction, ReadOnlySpan<byte> parameters) =>
        Encode(destination, id, (byte)instruction, null, parameters);

    /// <summary>Encodes a status (reply) packet: INST 0x55, the error byte, then the parameters.</summary>
    /// <param name="destination">Where to write; at least <see cref="MaxPacketLength"/> of the parameter length.</param>
    /// <param name="id">The answering servo's ID (0xFE for a Fast Sync Read reply).</param>
    /// <param name="error">The error byte.</param>
    /// <param name="parameters">The parameters, before stuffing.</param>
    /// <returns>The packet's length in bytes.</returns>
    public static int EncodeStatus(Span<byte> destination, byte id, StatusError error, ReadOnlySpan<byte> parameters) =>
        Encode(destination, id, (byte)Instruction.Status, error.Raw, parameters);

    private static int Encode(Span<byte> destination, byte id, byte instruction, byte? error, ReadOnlySpan<byte> parameters)
    {
        int required = MaxPacketLength(parameters.Length);
        if (destination.Length < required)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes; a packet of {parameters.Length} parameters may need {required}.",
                nameof(destination));
        }

        destination[0] = 0xFF;
        destination[1] = 0xFF;
        destination[2] = 0xFD;
        destination[3] = 0x00;
        destination[4] = id;
        int written = HeaderLength;
        int run = 0;
        ReadOnlySpan<byte> head = error is { } errorByte ? [instruction, errorByte] : [instruction];
        ByteStuffing.Stuff(head, destination, ref written, ref run);
        ByteStuffing.Stuff(parameters, destination, ref written, ref run);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[5..], (ushort)(written - HeaderLength + 2));
        ushort crc = DynamixelCrc.Compute(destination[..written]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[written..], crc);
        return written + 2;
    }
}
