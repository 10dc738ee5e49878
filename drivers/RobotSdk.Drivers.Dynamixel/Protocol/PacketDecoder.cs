using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// Finds and decodes Protocol 2.0 packets in received bytes, without allocating: look for
/// the header (<see cref="FindHeader"/>), wait until the packet is complete
/// (<see cref="TryFrame"/>), then check the CRC and remove the stuffing
/// (<see cref="Decode"/>, <see cref="DecodeStatus"/>).
/// </summary>
public static class PacketDecoder
{
    /// <summary>The smallest LEN: INST and the two CRC bytes.</summary>
    private const int MinimumLengthField = 3;

    /// <summary>
    /// Finds where a packet may start: the first full header <c>FF FF FD 00</c>, or a
    /// partial header at the very end. Everything before that index is noise to drop.
    /// </summary>
    /// <param name="data">Received bytes.</param>
    /// <returns>The index of the first (possibly partial) header, or <c>data.Length</c> when there is none.</returns>
    public static int FindHeader(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> header = [0xFF, 0xFF, 0xFD, 0x00];
        for (int start = 0; start < data.Length; start++)
        {
            int compared = Math.Min(header.Length, data.Length - start);
            if (data.Slice(start, compared).SequenceEqual(header[..compared]))
            {
                return start;
            }
        }

        return data.Length;
    }

    /// <summary>Reads the LEN field of a packet that starts at <c>data[0]</c> and tells whether it is all there.</summary>
    /// <param name="data">Bytes starting with a header.</param>
    /// <param name="maxPacketLength">The longest packet the caller accepts; longer ones are <see cref="FrameResult.Invalid"/>.</param>
    /// <param name="packetLength">The whole packet's length in bytes when known, else 0.</param>
    /// <returns>Whether the packet is complete, incomplete or impossible.</returns>
    public static FrameResult TryFrame(ReadOnlySpan<byte> data, int maxPacketLength, out int packetLength)
    {
        packetLength = 0;
        if (data.Length < PacketEncoder.HeaderLength)
        {
            return FrameResult.Incomplete;
        }

        int lengthField = BinaryPrimitives.ReadUInt16LittleEndian(data[5..]);
        int total = PacketEncoder.HeaderLength + lengthField;
        if (lengthField < MinimumLengthField || total > maxPacketLength)
        {
            return FrameResult.Invalid;
        }

        packetLength = total;
        return data.Length >= total ? FrameResult.Complete : FrameResult.Incomplete;
    }

    /// <summary>Checks the CRC of a complete packet, then writes its parameters (after INST) unstuffed.</summary>
    /// <param name="packet">Exactly one packet.</param>
    /// <param name="parameters">Where to write the parameters; as long as the packet is enough.</param>
    /// <param name="decoded">ID, INST and the number of parameter bytes written.</param>
    /// <returns>Ok, CrcMismatch or Malformed.</returns>
    public static PacketDecodeResult Decode(ReadOnlySpan<byte> packet, Span<byte> parameters, out DecodedPacket decoded)
    {
        decoded = default;
        PacketDecodeResult result = Check(packet, parameters, 1);
        if (result != PacketDecodeResult.Ok)
        {
            return result;
        }

        Span<byte> instruction = stackalloc byte[1];
        int count = ByteStuffing.Unstuff(Body(packet), instruction, parameters);
        decoded = new DecodedPacket(packet[4], instruction[0], count);
        return PacketDecodeResult.Ok;
    }

    /// <summary>Decodes a status packet: CRC, INST 0x55, error byte, then the parameters unstuffed.</summary>
    /// <param name="packet">Exactly one packet.</param>
    /// <param name="parameters">Where to write the parameters after the error byte.</param>
    /// <param name="status">ID, error byte and the number of parameter bytes written.</param>
    /// <returns>Ok, CrcMismatch, or Malformed (also when the packet is not a status packet).</returns>
    public static PacketDecodeResult DecodeStatus(ReadOnlySpan<byte> packet, Span<byte> parameters, out StatusPacket status)
    {
        status = default;
        PacketDecodeResult result = Check(packet, parameters, 2);
        if (result != PacketDecodeResult.Ok)
        {
            return result;
        }

        Span<byte> head = stackalloc byte[2];
        int count = ByteStuffing.Unstuff(Body(packet), head, parameters);
        if (head[0] != (byte)Instruction.Status || Body(packet).Length < 2)
        {
            return PacketDecodeResult.Malformed;
        }

        status = new StatusPacket(packet[4], new StatusError(head[1]), count);
        return PacketDecodeResult.Ok;
    }

    private static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> packet) => packet[PacketEncoder.HeaderLength..^2];

    private static PacketDecodeResult Check(ReadOnlySpan<byte> packet, Span<byte> parameters, int headBytes)
    {
        if (FindHeader(packet) != 0
            || TryFrame(packet, packet.Length, out int length) != FrameResult.Complete
            || length != packet.Length)
        {
            return PacketDecodeResult.Malformed;
        }

        if (parameters.Length < packet.Length - PacketEncoder.HeaderLength - 2 - headBytes)
        {
            throw new ArgumentException($"The parameter buffer holds {parameters.Length} bytes; this packet may need {packet.Length}.", nameof(parameters));
        }

        ushort expected = BinaryPrimitives.ReadUInt16LittleEndian(packet[^2..]);
        return DynamixelCrc.Compute(packet[..^2]) == expected ? PacketDecodeResult.Ok : PacketDecodeResult.CrcMismatch;
    }
}
