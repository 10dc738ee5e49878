using System.Buffers.Binary;

namespace RobotSdk.Drivers.Dynamixel.Tests.Bus;

/// <summary>Byte-exact behaviour of the bus on a scripted port: golden requests, resynchronisation, vanished ports.</summary>
public sealed class DynamixelBusWireTests
{
    private static readonly byte[] SixIds = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void SyncWrite_SendsTheGoldenVector()
    {
        var (port, bus) = Open();
        byte[] goals = [.. new[] { 2148, 2248, 2348, 2448, 2548, 2648 }.SelectMany(BitConverter.GetBytes)];

        Assert.Equal(BusStatus.Ok, bus.SyncWrite(116, 4, SixIds, goals));

        Assert.Equal(Protocol.GoldenVectors.SyncWriteGoalPositions, Hex.Format(port.Written.Single()));
    }

    [Fact]
    public void SyncRead_SendsTheGoldenVector_AndReadsTheGoldenReply()
    {
        var (port, bus) = Open();
        port.Responder = _ => Hex.Parse(Protocol.GoldenVectors.OneServoPositionReply);
        var position = new byte[4];

        Assert.Equal(BusStatus.Ok, bus.SyncRead(132, 4, [1], position));
        Assert.Equal(BusStatus.Timeout, bus.SyncRead(132, 4, SixIds, new byte[24]));

        Assert.Equal(1001, BinaryPrimitives.ReadInt32LittleEndian(position));
        Assert.Equal(Protocol.GoldenVectors.SyncReadPresentPositions, Hex.Format(port.Written[^1]));
    }

    [Fact]
    public void FastSyncReadAndBulkRead_SendTheGoldenVectors()
    {
        var (port, bus) = Open();

        bus.FastSyncRead(132, 4, SixIds, new byte[24]);
        bus.BulkRead([new BulkReadEntry(1, 132, 4), new BulkReadEntry(2, 128, 4)], new byte[8]);

        Assert.Equal(Protocol.GoldenVectors.FastSyncReadPresentPositions, Hex.Format(port.Written[0]));
        Assert.Equal(Protocol.GoldenVectors.BulkReadPositionAndVelocity, Hex.Format(port.Written[3]));
    }

    [Fact]
    public void Write_StuffsTheGoldenExample()
    {
        var (port, bus) = Open();
        port.Responder = _ => Status(1, []);

        bus.Write(1, XSeriesControlTable.GoalPosition, 0x00FDFFFF);

        Assert.Equal(Protocol.GoldenVectors.StuffedWriteOfGoalPosition, Hex.Format(port.Written.Single()));
    }

    [Fact]
    public void Receive_SkipsNoise_PartialHeaders_ImpossibleLengths_AndStaleRepliesOfOtherServos()
    {
        var (port, bus) = Open();
        port.Responder = _ =>
        [
            0x00, 0x13, 0xFF, 0xFF, 0xFD,
            0xFF, 0xFF, 0xFD, 0x00, 0x01, 0x01, 0x00,
            .. Status(9, [1, 2, 3, 4]),
            .. Hex.Parse(Protocol.GoldenVectors.OneServoPositionReply),
        ];
        var position = new byte[4];

        Assert.Equal(BusStatus.Ok, bus.SyncRead(132, 4, [1], position));

        Assert.Equal(1001, BinaryPrimitives.ReadInt32LittleEndian(position));
        Assert.Equal(0, bus.Diagnostics.Retries);
    }

    [Fact]
    public void Receive_TreatsAReplyOfTheWrongLength_AsCorrupt()
    {
        var (port, bus) = Open();
        port.Responder = _ => Status(1, [1, 2]);

        Assert.Equal(BusStatus.Corrupt, bus.SyncRead(132, 4, [1], new byte[4]));
        Assert.Equal(3, bus.Diagnostics.CorruptReplies);
    }

    [Fact]
    public void EveryTransaction_DiscardsStaleInputFirst()
    {
        var (port, bus) = Open();
        port.Responder = request => request[7] == (byte)Instruction.SyncWrite ? Status(1, [9, 9, 9, 9]) : Hex.Parse(Protocol.GoldenVectors.OneServoPositionReply);
        var position = new byte[4];

        bus.SyncWrite(116, 4, [1], [0, 8, 0, 0]);
        Assert.Equal(BusStatus.Ok, bus.SyncRead(132, 4, [1], position));

        Assert.Equal(1001, BinaryPrimitives.ReadInt32LittleEndian(position));
    }

    [Fact]
    public void AVanishedAdapter_GivesDisconnected_WithTheCauseKept()
    {
        var (port, bus) = Open();
        var cause = new DeviceDisconnectedException(port.PortName, "unplugged");
        port.ReadFailure = cause;

        Assert.Equal(BusStatus.Disconnected, bus.SyncRead(132, 4, [1], new byte[4]));

        Assert.Same(cause, bus.Diagnostics.LastFault?.InnerException);
        Assert.Throws<DeviceDisconnectedException>(() => bus.Read(1, XSeriesControlTable.PresentPosition));
    }

    [Fact]
    public void Open_SetsTheConfiguredBaudRate_AndOpensThePort()
    {
        var port = new ScriptedSerialPort { BaudRate = 57600 };
        var bus = new DynamixelBus(port, new DynamixelBusOptions { BaudRate = 2_000_000 });

        bus.Open();

        Assert.True(port.IsOpen);
        Assert.Equal(2_000_000, port.BaudRate);
    }

    [Theory]
    [InlineData(-1, 35)]
    [InlineData(2, 0)]
    public void Options_AreValidated(int retries, int replyTimeoutMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamixelBus(new ScriptedSerialPort(), new DynamixelBusOptions { Retries = retries, ReplyTimeoutMs = replyTimeoutMs }));
    }

    [Fact]
    public void GroupCalls_RejectMisuse()
    {
        var (_, bus) = Open();

        Assert.Throws<ArgumentException>(() => bus.SyncRead(132, 4, [1, 2], new byte[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.SyncRead(132, 4, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.SyncWrite(116, 4, [ServoIds.Broadcast], new byte[4]));
        Assert.Throws<ArgumentException>(() => bus.BulkWrite([new BulkWriteEntry(1, 116, 4)], new byte[3]));
    }

    [Theory]
    [InlineData(BusStatus.Ok, Hardware.DriverStatus.Ok)]
    [InlineData(BusStatus.Timeout, Hardware.DriverStatus.Error)]
    [InlineData(BusStatus.Corrupt, Hardware.DriverStatus.Error)]
    [InlineData(BusStatus.DeviceError, Hardware.DriverStatus.Error)]
    [InlineData(BusStatus.HardwareAlert, Hardware.DriverStatus.MustDeactivate)]
    [InlineData(BusStatus.Disconnected, Hardware.DriverStatus.MustDeactivate)]
    public void ToDriverStatus_MapsBusOutcomesOntoTheDriverContract(BusStatus status, Hardware.DriverStatus expected)
    {
        Assert.Equal(expected, status.ToDriverStatus());
    }

    private static (ScriptedSerialPort Port, DynamixelBus Bus) Open()
    {
        var port = new ScriptedSerialPort();
        var bus = new DynamixelBus(port);
        bus.Open();
        return (port, bus);
    }

    private static byte[] Status(byte id, byte[] parameters)
    {
        var packet = new byte[PacketEncoder.MaxPacketLength(parameters.Length)];
        int length = PacketEncoder.EncodeStatus(packet, id, StatusError.None, parameters);
        return packet[..length];
    }
}
