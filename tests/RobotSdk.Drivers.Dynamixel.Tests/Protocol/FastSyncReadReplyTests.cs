using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

public sealed class FastSyncReadReplyTests
{
    [Fact]
    public void Parse_SplitsTheSharedPacketIntoEachServosData()
    {
        byte[] packet = BuildReply([(1, 0, 1001), (2, 0, -5), (3, 0, 4095)]);
        var parameters = new byte[packet.Length];
        Assert.Equal(PacketDecodeResult.Ok, PacketDecoder.Decode(packet, parameters, out DecodedPacket decoded));
        var destination = new byte[12];

        PacketDecodeResult result = FastSyncReadReply.Parse(parameters.AsSpan(0, decoded.ParameterLength), [1, 2, 3], 4, destination, out StatusError error, out int errorIndex);

        Assert.Equal(PacketDecodeResult.Ok, result);
        Assert.Equal(ServoIds.Broadcast, decoded.Id);
        Assert.Equal(1 + (3 * 8), packet[5] | (packet[6] << 8));
        Assert.Equal([1001, -5, 4095], [.. Enumerable.Range(0, 3).Select(index => BinaryPrimitives.ReadInt32LittleEndian(destination.AsSpan(index * 4)))]);
        Assert.True(error.IsOk);
        Assert.Equal(-1, errorIndex);
    }

    [Fact]
    public void Parse_ReportsTheFirstServoWithAnError()
    {
        byte[] packet = BuildReply([(1, 0, 1), (2, 0x80, 2), (3, 0x07, 3)]);
        var parameters = new byte[packet.Length];
        PacketDecoder.Decode(packet, parameters, out DecodedPacket decoded);

        FastSyncReadReply.Parse(parameters.AsSpan(0, decoded.ParameterLength), [1, 2, 3], 4, new byte[12], out StatusError error, out int errorIndex);

        Assert.Equal(1, errorIndex);
        Assert.True(error.HasHardwareAlert);
    }

    [Fact]
    public void Parse_CallsItMalformed_WhenTheIdsDoNotMatchTheRequest()
    {
        byte[] packet = BuildReply([(1, 0, 1), (3, 0, 3)]);
        var parameters = new byte[packet.Length];
        PacketDecoder.Decode(packet, parameters, out DecodedPacket decoded);

        Assert.Equal(PacketDecodeResult.Malformed, FastSyncReadReply.Parse(parameters.AsSpan(0, decoded.ParameterLength), [1, 2], 4, new byte[8], out _, out _));
    }

    /// <summary>Builds the reply as servos append it on the wire: ERR ID DATA CRC, inner CRCs running over the packet so far.</summary>
    private static byte[] BuildReply((byte Id, byte Error, int Position)[] servos)
    {
        var packet = new List<byte> { 0xFF, 0xFF, 0xFD, 0x00, 0xFE, 0, 0, 0x55 };
        int lengthField = 1 + (servos.Length * 8);
        packet[5] = (byte)lengthField;
        packet[6] = (byte)(lengthField >> 8);
        foreach ((byte id, byte error, int position) in servos)
        {
            packet.Add(error);
            packet.Add(id);
            packet.AddRange(BitConverter.GetBytes(position));
            ushort crc = DynamixelCrc.Compute([.. packet]);
            packet.Add((byte)crc);
            packet.Add((byte)(crc >> 8));
        }

        return [.. packet];
    }
}
