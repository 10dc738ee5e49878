namespace RobotSdk.Drivers.Dynamixel.Tests.Bus;

/// <summary>Every fault the emulator injects is classified, counted and reported with port, ID and register.</summary>
public sealed class DynamixelBusFaultTests
{
    private static readonly byte[] ThreeIds = [1, 2, 3];

    private static DynamixelBusOptions Options => new() { ReplyTimeoutMs = 150, Retries = 2 };

    [Fact]
    public void ASingleDroppedReply_IsRecoveredByARetry()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.DropReplies(1, id: 2);

        BusStatus status = rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]);

        Assert.Equal(BusStatus.Ok, status);
        Assert.Equal(1, rig.Bus.Diagnostics.Transactions);
        Assert.Equal(1, rig.Bus.Diagnostics.Retries);
        Assert.Equal(1, rig.Bus.Diagnostics.Timeouts);
        Assert.Equal(0, rig.Bus.Diagnostics.Errors);
        Assert.Null(rig.Bus.Diagnostics.LastFault);
    }

    [Fact]
    public void RepeatedlyDroppedReplies_GiveTimeout_AfterTheRetries()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.DropReplies(3, id: 2);

        BusStatus status = rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]);

        Assert.Equal(BusStatus.Timeout, status);
        Assert.Equal(2, rig.Bus.Diagnostics.Retries);
        Assert.Equal(3, rig.Bus.Diagnostics.Timeouts);
        Assert.Equal(1, rig.Bus.Diagnostics.Errors);
        HardwareTimeoutException fault = Assert.IsType<HardwareTimeoutException>(rig.Bus.Diagnostics.LastFault);
        Assert.Equal(rig.Port.PortName, fault.Bus);
        Assert.Equal(2, fault.DeviceId);
        Assert.Equal("Present Position", fault.Register);
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]));
    }

    [Fact]
    public void DroppedReplies_MakeASetupReadThrowATimeout_NamingPortIdAndRegister()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(1), Options);
        rig.Emulator.DropReplies(3);

        HardwareTimeoutException failure = Assert.Throws<HardwareTimeoutException>(() => rig.Bus.Read(1, XSeriesControlTable.PresentVelocity));

        Assert.Equal(rig.Port.PortName, failure.Bus);
        Assert.Equal(1, failure.DeviceId);
        Assert.Equal("Present Velocity", failure.Register);
        Assert.Contains("3 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Same(failure, rig.Bus.Diagnostics.LastFault);
    }

    [Fact]
    public void ASingleCorruptReply_IsRecoveredByARetry()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.CorruptReplies(1, id: 3);

        BusStatus status = rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]);

        Assert.Equal(BusStatus.Ok, status);
        Assert.Equal(1, rig.Bus.Diagnostics.CorruptReplies);
        Assert.Equal(1, rig.Bus.Diagnostics.Retries);
    }

    [Fact]
    public void RepeatedlyCorruptReplies_GiveCorrupt()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.CorruptReplies(3, id: 1);

        BusStatus status = rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]);

        Assert.Equal(BusStatus.Corrupt, status);
        Assert.Equal(3, rig.Bus.Diagnostics.CorruptReplies);
        Assert.Equal(1, rig.Bus.Diagnostics.Errors);
        Assert.IsType<CorruptPacketException>(rig.Bus.Diagnostics.LastFault);
    }

    [Fact]
    public void CorruptReplies_MakeASetupCallThrowCorruptPacket()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(1), Options);
        rig.Emulator.CorruptReplies(3);

        CorruptPacketException failure = Assert.Throws<CorruptPacketException>(() => rig.Bus.Ping(1));

        Assert.Equal(1, failure.DeviceId);
    }

    [Fact]
    public void CorruptFastSyncReadReplies_GiveCorrupt()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.CorruptReplies(3);

        Assert.Equal(BusStatus.Corrupt, rig.Bus.FastSyncRead(132, 4, ThreeIds, new byte[12]));
        Assert.Equal(3, rig.Bus.Diagnostics.CorruptReplies);
    }

    [Fact]
    public void AHardwareAlert_GivesHardwareAlert_WithTheDataStillRead()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Backend.SetPosition(1, Math.PI / 2);
        rig.Emulator.SetHardwareError(2, 0x04);
        var positions = new byte[12];

        BusStatus status = rig.Bus.SyncRead(132, 4, ThreeIds, positions);

        Assert.Equal(BusStatus.HardwareAlert, status);
        Assert.Equal(3072, BitConverter.ToInt32(positions, 4));
        Assert.Equal(1, rig.Bus.Diagnostics.DeviceErrors);
        Assert.Equal(0, rig.Bus.Diagnostics.Retries);
        DeviceErrorException fault = Assert.IsType<DeviceErrorException>(rig.Bus.Diagnostics.LastFault);
        Assert.True(fault.IsHardwareAlert);
        Assert.Equal(2, fault.DeviceId);
        Assert.Equal(Hardware.DriverStatus.MustDeactivate, status.ToDriverStatus());
    }

    [Fact]
    public void AHardwareAlert_MakesSetupReadsThrow_ButLeavesPingAndTheErrorStatusReadable()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(1), Options);
        rig.Emulator.SetHardwareError(1, 0x20);

        DeviceErrorException failure = Assert.Throws<DeviceErrorException>(() => rig.Bus.Read(1, XSeriesControlTable.PresentPosition));

        Assert.True(failure.IsHardwareAlert);
        Assert.Equal(0x80, failure.ErrorCode);
        Assert.True(rig.Bus.Ping(1).HasHardwareAlert);
        Assert.Equal(0x20, rig.Bus.ReadHardwareErrorStatus(1));
        rig.Bus.Reboot(1);
        Assert.Equal(0, rig.Bus.ReadHardwareErrorStatus(1));
        Assert.False(rig.Bus.Ping(1).HasHardwareAlert);
    }

    [Fact]
    public void AHardwareAlert_InAFastSyncRead_GivesHardwareAlert()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.SetHardwareError(3, 0x01);

        Assert.Equal(BusStatus.HardwareAlert, rig.Bus.FastSyncRead(132, 4, ThreeIds, new byte[12]));
        Assert.Equal(3, Assert.IsType<DeviceErrorException>(rig.Bus.Diagnostics.LastFault).DeviceId);
    }

    [Fact]
    public void ARemovedServo_GivesTimeout_UntilItIsPutBack()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3), Options);
        rig.Emulator.RemoveServo(3);

        Assert.Equal(BusStatus.Timeout, rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]));
        Assert.Equal(BusStatus.Timeout, rig.Bus.FastSyncRead(132, 4, ThreeIds, new byte[12]));
        Assert.Throws<HardwareTimeoutException>(() => rig.Bus.Ping(3));
        Assert.Equal(3, rig.Bus.Diagnostics.Errors);

        rig.Emulator.RestoreServo(3);
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncRead(132, 4, ThreeIds, new byte[12]));
    }

    [Fact]
    public void ARepeatedFault_IsRecordedWithoutAllocatingANewException()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(2), new DynamixelBusOptions { ReplyTimeoutMs = 100, Retries = 0 });
        rig.Emulator.RemoveServo(2);
        byte[] ids = [1, 2];
        var positions = new byte[8];
        rig.Bus.SyncRead(132, 4, ids, positions);
        HardwareFaultException? first = rig.Bus.Diagnostics.LastFault;
        rig.Bus.SyncRead(132, 4, ids, positions);
        rig.Bus.SyncRead(132, 4, ids, positions);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int cycle = 0; cycle < 10; cycle++)
        {
            rig.Bus.SyncRead(132, 4, ids, positions);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Same(first, rig.Bus.Diagnostics.LastFault);
        Assert.Equal(13, rig.Bus.Diagnostics.Errors);
    }

    [Fact]
    public void ADelayedReply_BeyondTheTimeout_GivesTimeout_AndWithinItOk()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(1), new DynamixelBusOptions { ReplyTimeoutMs = 150, Retries = 0 });

        rig.Emulator.ReplyDelayMs = 5;
        Assert.Equal(BusStatus.Ok, rig.Bus.SyncRead(132, 4, [1], new byte[4]));

        rig.Emulator.ReplyDelayMs = 1000;
        Assert.Equal(BusStatus.Timeout, rig.Bus.SyncRead(132, 4, [1], new byte[4]));
    }

    [Fact]
    public void AClosedPort_GivesDisconnected_AndSetupCallsThrowDeviceDisconnected()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(2), Options);
        rig.Emulator.ClosePort();

        BusStatus status = rig.Bus.SyncRead(132, 4, [1, 2], new byte[8]);

        Assert.Equal(BusStatus.Disconnected, status);
        Assert.Equal(0, rig.Bus.Diagnostics.Retries);
        Assert.IsType<DeviceDisconnectedException>(rig.Bus.Diagnostics.LastFault);
        Assert.Equal(BusStatus.Disconnected, rig.Bus.SyncWrite(65, 1, [1, 2], [1, 1]));
        Assert.Throws<DeviceDisconnectedException>(() => rig.Bus.Ping(1));
        Assert.Equal(Hardware.DriverStatus.MustDeactivate, status.ToDriverStatus());
    }

    [Fact]
    public void AClosedPortObject_GivesDisconnected_OnTheRealTimePath()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(1), Options);
        rig.Port.Close();

        Assert.Equal(BusStatus.Disconnected, rig.Bus.SyncRead(132, 4, [1], new byte[4]));
    }
}
