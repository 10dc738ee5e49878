using System.Buffers.Binary;
using RobotSdk.Drivers.Dynamixel.Emulation;

namespace RobotSdk.Drivers.Dynamixel.Tests.Bus;

/// <summary>The real-time half of the bus against the emulator over a real pty.</summary>
public sealed class DynamixelBusRealTimeTests
{
    private static readonly byte[] SixIds = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void SyncRead_GivesEachServosPresentPosition_InListOrder()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(6));
        PlaceJoints(rig);
        var positions = new byte[24];

        BusStatus status = rig.Bus.SyncRead(132, 4, SixIds, positions);

        Assert.Equal(BusStatus.Ok, status);
        Assert.Equal(ExpectedCounts(), Ints(positions));
    }

    [Fact]
    public void SyncRead_InAnyOrder_FollowsTheList()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(6));
        PlaceJoints(rig);
        var positions = new byte[12];

        Assert.Equal(BusStatus.Ok, rig.Bus.SyncRead(132, 4, [5, 1, 3], positions));

        int[] all = ExpectedCounts();
        Assert.Equal([all[4], all[0], all[2]], Ints(positions));
    }

    [Fact]
    public void FastSyncRead_GivesTheSameDataAsSyncRead()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(6));
        PlaceJoints(rig);
        var slow = new byte[6 * 10];
        var fast = new byte[6 * 10];

        Assert.Equal(BusStatus.Ok, rig.Bus.SyncRead(126, 10, SixIds, slow));
        Assert.Equal(BusStatus.Ok, rig.Bus.FastSyncRead(126, 10, SixIds, fast));

        Assert.Equal(slow, fast);
        Assert.Equal(ExpectedCounts(), Enumerable.Range(0, 6).Select(index => BinaryPrimitives.ReadInt32LittleEndian(fast.AsSpan((index * 10) + 6))));
    }

    [Fact]
    public void SyncWrite_MovesEveryServo()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(6));
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncWrite(64, 1, SixIds, [1, 1, 1, 1, 1, 1]));
        int[] goals = [2148, 2248, 2348, 2448, 2548, 2648];

        Assert.Equal(BusStatus.Ok, rig.Bus.SyncWrite(116, 4, SixIds, Bytes(goals)));

        var positions = new byte[24];
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncRead(132, 4, SixIds, positions));
        Assert.Equal(goals, Ints(positions));
    }

    [Fact]
    public void BulkRead_GivesADifferentRangeFromEachServo()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(2));
        rig.Backend.SetPosition(0, Math.PI / 2);
        rig.Bus.Write(2, XSeriesControlTable.ProfileVelocity, 77);
        var data = new byte[8];

        BusStatus status = rig.Bus.BulkRead([new BulkReadEntry(1, 132, 4), new BulkReadEntry(2, 112, 4)], data);

        Assert.Equal(BusStatus.Ok, status);
        Assert.Equal([3072, 77], Ints(data));
    }

    [Fact]
    public void BulkWrite_WritesADifferentRangeOfEachServo()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(2));

        BusStatus status = rig.Bus.BulkWrite([new BulkWriteEntry(1, 112, 4), new BulkWriteEntry(2, 65, 1)], [50, 0, 0, 0, 1]);

        Assert.Equal(BusStatus.Ok, status);
        Assert.Equal(50, rig.Bus.Read(1, XSeriesControlTable.ProfileVelocity));
        Assert.Equal(1, rig.Bus.Read(2, XSeriesControlTable.Led));
    }

    [Fact]
    public void ShadowServo_FollowsItsPrimarysWrites_AndStaysSilent()
    {
        // WidowX layout: ID 3 mounted opposite ID 2 on the same joint (here its own backend joint, to watch it).
        VirtualServo shadow = new VirtualServo(3, ServoModel.XL430W250, 1) { ReturnDelayTime = 0, SecondaryId = 2, DriveMode = 1, DirectionSign = -1 };
        using var rig = new EmulatedBus([EmulatedBus.Servo(2, joint: 0), shadow]);

        rig.Bus.Write(2, XSeriesControlTable.TorqueEnable, 1);
        rig.Bus.Write(2, XSeriesControlTable.GoalPosition, 2548);
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncWrite(116, 4, [2], Bytes([2648])));

        double expected = ServoUnits.PositionToRadians(2648);
        Poll.Until(() => Math.Abs(rig.Backend.GetPresentPosition(1) - expected) < 1e-9, "the shadow joint at the primary's goal");
        Assert.Equal(expected, rig.Backend.GetPresentPosition(0), 1e-9);
        Assert.Equal(1, rig.Emulator.ReadRegister(3, XSeriesControlTable.TorqueEnable));
        Assert.Equal(1020, rig.Bus.Ping(2).ModelNumber);
        Assert.Equal(0, rig.Bus.Diagnostics.CorruptReplies);
        AssertExactlyOneReplyTo(rig, 2);
    }

    [Fact]
    public void SyncReadAndSyncWrite_AllocateNothing_Over200SteadyStateCycles()
    {
        // 200 steady-state control cycles: read six positions, write six goals.
        using var rig = new EmulatedBus(EmulatedBus.Servos(6), new DynamixelBusOptions { ReplyTimeoutMs = 500 });
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncWrite(64, 1, SixIds, [1, 1, 1, 1, 1, 1]));
        var positions = new byte[24];
        byte[] goals = Bytes([2100, 2200, 2300, 2400, 2500, 2600]);
        int failures = Cycles(rig.Bus, positions, goals, 50);

        long before = GC.GetAllocatedBytesForCurrentThread();
        failures += Cycles(rig.Bus, positions, goals, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal([2100, 2200, 2300, 2400, 2500, 2600], Ints(positions));
    }

    [Fact]
    public void FastSyncReadAndBulkTransfers_AllocateNothing_OnceWarm()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), new DynamixelBusOptions { ReplyTimeoutMs = 500 });
        byte[] ids = [1, 2, 3];
        var data = new byte[12];
        BulkReadEntry[] reads = [new(1, 132, 4), new(2, 128, 4), new(3, 126, 2)];
        BulkWriteEntry[] writes = [new(1, 65, 1), new(2, 65, 1)];
        byte[] leds = [1, 1];
        int failures = 0;
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int cycle = 0; cycle < 100; cycle++)
            {
                failures += rig.Bus.FastSyncRead(132, 4, ids, data) == BusStatus.Ok ? 0 : 1;
                failures += rig.Bus.BulkRead(reads, data.AsSpan(0, 10)) == BusStatus.Ok ? 0 : 1;
                failures += rig.Bus.BulkWrite(writes, leds) == BusStatus.Ok ? 0 : 1;
            }

            if (round == 1)
            {
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        Assert.Equal(0, failures);
    }

    private static int Cycles(DynamixelBus bus, byte[] positions, byte[] goals, int count)
    {
        int failures = 0;
        for (int cycle = 0; cycle < count; cycle++)
        {
            failures += bus.SyncRead(132, 4, SixIds, positions) == BusStatus.Ok ? 0 : 1;
            failures += bus.SyncWrite(116, 4, SixIds, goals) == BusStatus.Ok ? 0 : 1;
        }

        // The last write lands after the last read; read once more to see it.
        failures += bus.SyncRead(132, 4, SixIds, positions) == BusStatus.Ok ? 0 : 1;
        return failures;
    }

    private static void AssertExactlyOneReplyTo(EmulatedBus rig, byte id)
    {
        var request = new byte[PacketEncoder.MaxPacketLength(0)];
        int length = PacketEncoder.EncodeInstruction(request, id, Instruction.Ping, []);
        rig.Port.DiscardInput();
        rig.Port.Write(request.AsSpan(0, length));
        var reply = new byte[64];
        int received = rig.Port.ReadExactly(reply.AsSpan(0, 14), 1000);

        // Anything after the one 14-byte reply would be a second servo answering.
        int extra = rig.Port.Read(reply.AsSpan(14), 50);

        Assert.Equal(14, received);
        Assert.Equal(0, extra);
    }

    private static void PlaceJoints(EmulatedBus rig)
    {
        for (int joint = 0; joint < rig.Backend.JointCount; joint++)
        {
            rig.Backend.SetPosition(joint, (joint - 2.5) * 0.3);
        }
    }

    private static int[] ExpectedCounts() => [.. Enumerable.Range(0, 6).Select(joint => ServoUnits.RadiansToPosition((joint - 2.5) * 0.3))];

    private static int[] Ints(byte[] data) => [.. Enumerable.Range(0, data.Length / 4).Select(index => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(index * 4)))];

    private static byte[] Bytes(int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];
}
