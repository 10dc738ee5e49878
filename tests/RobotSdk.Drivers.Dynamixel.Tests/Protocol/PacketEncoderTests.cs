using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel.Tests.Protocol;

public sealed class PacketEncoderTests
{
    private static readonly byte[] SixIds = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void EncodeInstruction_SyncWriteOfSixGoalPositions_MatchesTheGoldenVector()
    {
        var parameters = new List<byte> { 0x74, 0x00, 0x04, 0x00 };
        int[] goals = [2148, 2248, 2348, 2448, 2548, 2648];
        for (int index = 0; index < goals.Length; index++)
        {
            parameters.Add(SixIds[index]);
            parameters.AddRange(BitConverter.GetBytes(goals[index]));
        }

        Assert.Equal(GoldenVectors.SyncWriteGoalPositions, Encode(ServoIds.Broadcast, Instruction.SyncWrite, [.. parameters]));
    }

    [Fact]
    public void EncodeInstruction_SyncReadOfSixPresentPositions_MatchesTheGoldenVector()
    {
        Assert.Equal(GoldenVectors.SyncReadPresentPositions, Encode(ServoIds.Broadcast, Instruction.SyncRead, [0x84, 0x00, 0x04, 0x00, .. SixIds]));
    }

    [Fact]
    public void EncodeInstruction_FastSyncReadOfSixPresentPositions_MatchesTheGoldenVector()
    {
        Assert.Equal(GoldenVectors.FastSyncReadPresentPositions, Encode(ServoIds.Broadcast, Instruction.FastSyncRead, [0x84, 0x00, 0x04, 0x00, .. SixIds]));
    }

    [Fact]
    public void EncodeInstruction_BulkReadOfPositionAndVelocity_MatchesTheGoldenVector()
    {
        Assert.Equal(
            GoldenVectors.BulkReadPositionAndVelocity,
            Encode(ServoIds.Broadcast, Instruction.BulkRead, [0x01, 0x84, 0x00, 0x04, 0x00, 0x02, 0x80, 0x00, 0x04, 0x00]));
    }

    [Fact]
    public void EncodeInstruction_StuffsFfFfFd_AsTheGoldenWriteShows()
    {
        var parameters = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, 116);
        BinaryPrimitives.WriteInt32LittleEndian(parameters.AsSpan(2), 0x00FDFFFF);

        Assert.Equal(GoldenVectors.StuffedWriteOfGoalPosition, Encode(1, Instruction.Write, parameters));
    }

    [Fact]
    public void EncodeStatus_OfPosition1001FromServo1_MatchesTheGoldenReply()
    {
        var packet = new byte[PacketEncoder.MaxPacketLength(4)];

        int length = PacketEncoder.EncodeStatus(packet, 1, StatusError.None, BitConverter.GetBytes(1001));

        Assert.Equal(GoldenVectors.OneServoPositionReply, Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void EncodeInstruction_Throws_WhenTheDestinationMayBeTooSmall()
    {
        var tooSmall = new byte[12];

        Assert.Throws<ArgumentException>(() => PacketEncoder.EncodeInstruction(tooSmall, 1, Instruction.Write, [0x74, 0x00, 1, 2, 3, 4]));
    }

    [Fact]
    public void EncodeAndDecode_AllocateNothing()
    {
        byte[] parameters = [0x74, 0x00, 0xFF, 0xFF, 0xFD, 0x00];
        var packet = new byte[PacketEncoder.MaxPacketLength(parameters.Length)];
        var decoded = new byte[packet.Length];
        RoundTrip(parameters, packet, decoded);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int index = 0; index < 1000; index++)
        {
            RoundTrip(parameters, packet, decoded);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void RoundTrip(byte[] parameters, byte[] packet, byte[] decoded)
    {
        int length = PacketEncoder.EncodeInstruction(packet, 1, Instruction.Write, parameters);
        if (PacketDecoder.Decode(packet.AsSpan(0, length), decoded, out _) != PacketDecodeResult.Ok)
        {
            throw new InvalidOperationException("round trip failed");
        }
    }

    private static string Encode(byte id, Instruction instruction, byte[] parameters)
    {
        var packet = new byte[PacketEncoder.MaxPacketLength(parameters.Length)];
        int length = PacketEncoder.EncodeInstruction(packet, id, instruction, parameters);
        return Hex.Format(packet.AsSpan(0, length));
    }
}
