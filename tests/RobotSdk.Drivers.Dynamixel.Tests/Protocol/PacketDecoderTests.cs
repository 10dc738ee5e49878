using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

public sealed class PacketDecoderTests
{
    [Fact]
    public void DecodeStatus_OfTheGoldenReply_GivesServo1NoErrorAndPosition1001()
    {
        byte[] packet = Hex.Parse(GoldenVectors.OneServoPositionReply);
        var parameters = new byte[16];

        PacketDecodeResult result = PacketDecoder.DecodeStatus(packet, parameters, out StatusPacket status);

        Assert.Equal(PacketDecodeResult.Ok, result);
        Assert.Equal(new StatusPacket(1, StatusError.None, 4), status);
        Assert.Equal(1001, BinaryPrimitives.ReadInt32LittleEndian(parameters));
    }

    [Fact]
    public void Decode_OfTheStuffedGoldenWrite_RemovesTheStuffing()
    {
        var parameters = new byte[16];

        PacketDecodeResult result = PacketDecoder.Decode(Hex.Parse(GoldenVectors.StuffedWriteOfGoalPosition), parameters, out DecodedPacket packet);

        Assert.Equal(PacketDecodeResult.Ok, result);
        Assert.Equal(new DecodedPacket(1, (byte)Instruction.Write, 6), packet);
        Assert.Equal(Hex.Parse("74 00 FF FF FD 00"), parameters[..6]);
    }

    [Fact]
    public void Decode_ReportsACrcMismatch_WhenAnyByteChanged()
    {
        byte[] packet = Hex.Parse(GoldenVectors.OneServoPositionReply);
        packet[9] ^= 0x01;

        Assert.Equal(PacketDecodeResult.CrcMismatch, PacketDecoder.DecodeStatus(packet, new byte[16], out _));
    }

    [Fact]
    public void DecodeStatus_CallsAnInstructionPacketMalformed()
    {
        Assert.Equal(PacketDecodeResult.Malformed, PacketDecoder.DecodeStatus(Hex.Parse(GoldenVectors.SyncReadPresentPositions), new byte[32], out _));
    }

    [Fact]
    public void FindHeader_SkipsNoiseBeforeTheHeader()
    {
        byte[] data = [0x00, 0xFF, 0xFD, 0xFF, .. Hex.Parse(GoldenVectors.OneServoPositionReply)];

        Assert.Equal(4, PacketDecoder.FindHeader(data));
    }

    [Fact]
    public void FindHeader_KeepsAPartialHeaderAtTheEnd()
    {
        Assert.Equal(2, PacketDecoder.FindHeader([0x12, 0x34, 0xFF, 0xFF, 0xFD]));
    }

    [Fact]
    public void FindHeader_ReturnsTheLength_WhenThereIsNoHeaderAtAll()
    {
        Assert.Equal(3, PacketDecoder.FindHeader([0x12, 0x34, 0x56]));
    }

    [Theory]
    [InlineData(6, FrameResult.Incomplete)]
    [InlineData(14, FrameResult.Incomplete)]
    [InlineData(15, FrameResult.Complete)]
    public void TryFrame_WaitsForTheWholePacket(int received, FrameResult expected)
    {
        byte[] packet = Hex.Parse(GoldenVectors.OneServoPositionReply);

        Assert.Equal(expected, PacketDecoder.TryFrame(packet.AsSpan(0, received), 1024, out _));
    }

    [Theory]
    [InlineData("FF FF FD 00 01 02 00 55 00")]
    [InlineData("FF FF FD 00 01 FF FF 55 00")]
    public void TryFrame_RejectsImpossibleLengths(string bytes)
    {
        Assert.Equal(FrameResult.Invalid, PacketDecoder.TryFrame(Hex.Parse(bytes), 1024, out _));
    }

    [Fact]
    public void DecodeStatus_GivesTheErrorByte()
    {
        var packet = new byte[PacketEncoder.MaxPacketLength(0)];
        int length = PacketEncoder.EncodeStatus(packet, 7, StatusError.From(StatusErrorKind.AccessError, hardwareAlert: true), []);

        PacketDecoder.DecodeStatus(packet.AsSpan(0, length), new byte[4], out StatusPacket status);

        Assert.Equal(7, status.Id);
        Assert.Equal(0x87, status.Error.Raw);
        Assert.Equal(0, status.ParameterLength);
    }
}
