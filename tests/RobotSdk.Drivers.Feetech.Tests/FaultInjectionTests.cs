using RobotSdk.Drivers.Feetech.Emulation;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>Every fault the emulator injects gets the right classification, status and counters.</summary>
public sealed class FaultInjectionTests : IDisposable
{
    private readonly EmulatedBus _fixture = new(busOptions: EmulatedBus.FastFailing());
    private readonly byte[] _positions = new byte[12];

    private FeetechBus Bus => _fixture.Bus;

    private FeetechEmulator Emulator => _fixture.Emulator;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void DroppedReplies_GiveTimeout_AfterEveryRetry()
    {
        Emulator.DropReplies(3, id: 2);

        FeetechStatus status = Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions);

        Assert.Equal(FeetechStatus.Timeout, status);
        Assert.Equal(1, Bus.Diagnostics.Transactions);
        Assert.Equal(2, Bus.Diagnostics.Retries);
        Assert.Equal(3, Bus.Diagnostics.Timeouts);
        Assert.Equal(1, Bus.Diagnostics.Errors);
        var fault = Assert.IsType<HardwareTimeoutException>(Bus.Diagnostics.LastFault);
        Assert.Equal(2, fault.DeviceId);
        Assert.Equal(Emulator.PortPath, fault.Bus);
        Assert.Equal("Present_Position", fault.Register);
    }

    [Fact]
    public void ASingleDroppedReply_IsRecoveredByARetry()
    {
        Emulator.DropReplies(1, id: 4);

        FeetechStatus status = Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions);

        Assert.Equal(FeetechStatus.Ok, status);
        Assert.Equal(1, Bus.Diagnostics.Retries);
        Assert.Equal(1, Bus.Diagnostics.Timeouts);
        Assert.Equal(0, Bus.Diagnostics.Errors);
        Assert.Equal(2048, Sts3215.PresentPosition.Decode(_positions.AsSpan(6)));
    }

    [Fact]
    public void ASingleDroppedReply_IsRecoveredByARetry_OnTheConfigurationPathToo()
    {
        Emulator.DropReplies(1);

        Assert.Equal(777, Bus.Ping(1).ModelNumber);
        Assert.Equal(1, Bus.Diagnostics.Retries);
        Assert.Null(Bus.Diagnostics.LastFault);
    }

    [Fact]
    public void DroppedReplies_ThrowATimeoutNamingTheRegister_OnTheConfigurationPath()
    {
        Emulator.DropReplies(3, id: 1);

        var error = Assert.Throws<HardwareTimeoutException>(() => Bus.Read(1, Sts3215.PresentLoad));

        Assert.Equal(1, error.DeviceId);
        Assert.Equal("Present_Load", error.Register);
        Assert.Same(error, Bus.Diagnostics.LastFault);
        Assert.Equal(2, Bus.Diagnostics.Retries);
    }

    [Fact]
    public void CorruptReplies_GiveCorrupt_AfterEveryRetry()
    {
        Emulator.CorruptReplies(3, id: 5);

        FeetechStatus status = Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions);

        Assert.Equal(FeetechStatus.Corrupt, status);
        Assert.Equal(3, Bus.Diagnostics.CorruptReplies);
        Assert.Equal(2, Bus.Diagnostics.Retries);
        Assert.Equal(1, Bus.Diagnostics.Errors);
        Assert.Equal(5, Assert.IsType<CorruptPacketException>(Bus.Diagnostics.LastFault).DeviceId);
    }

    [Fact]
    public void CorruptReplies_ThrowCorruptPacket_OnTheConfigurationPath()
    {
        Emulator.CorruptReplies(3);

        var error = Assert.Throws<CorruptPacketException>(() => Bus.Read(3, Sts3215.Moving));

        Assert.Equal(3, error.DeviceId);
        Assert.Equal("Moving", error.Register);
    }

    [Fact]
    public void ASingleCorruptReply_IsRecoveredByARetry()
    {
        Emulator.CorruptReplies(1, id: 1);

        Assert.Equal(FeetechStatus.Ok, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));
        Assert.Equal(1, Bus.Diagnostics.CorruptReplies);
        Assert.Equal(1, Bus.Diagnostics.Retries);
    }

    [Fact]
    public void AnErrorBit_GivesDeviceError_WithValidData_AndNoRetry()
    {
        Emulator.SetErrors(3, FeetechErrors.Overload);
        _fixture.Backend.SetPosition(2, StsUnits.CountsToRadians(1500));

        FeetechStatus status = Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions);

        Assert.Equal(FeetechStatus.DeviceError, status);
        Assert.Equal(1500, Sts3215.PresentPosition.Decode(_positions.AsSpan(4)));
        Assert.Equal(3, Bus.LastErrorId);
        Assert.Equal(FeetechErrors.Overload, Bus.LastErrorFlags);
        Assert.Equal(1, Bus.Diagnostics.DeviceErrors);
        Assert.Equal(0, Bus.Diagnostics.Retries);
        var fault = Assert.IsType<DeviceErrorException>(Bus.Diagnostics.LastFault);
        Assert.Equal(3, fault.DeviceId);
        Assert.Equal(32, fault.ErrorCode);
        Assert.True(fault.IsHardwareAlert);
    }

    [Fact]
    public void AnErrorBit_ThrowsDeviceError_OnTheConfigurationPath_AndShowsInTheStatusItem()
    {
        Emulator.SetErrors(2, FeetechErrors.Voltage);

        var error = Assert.Throws<DeviceErrorException>(() => Bus.Read(2, Sts3215.Status));

        Assert.Equal(2, error.DeviceId);
        Assert.Equal("Status", error.Register);
        Assert.False(error.IsHardwareAlert);
        Assert.Contains("input voltage out of range", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Emulator.ReadRegister(2, Sts3215.Status));
    }

    [Fact]
    public void ClearingTheErrorBits_MakesTheBusHealthyAgain()
    {
        Emulator.SetErrors(1, FeetechErrors.Overheat);
        Assert.Equal(FeetechStatus.DeviceError, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));

        Emulator.SetErrors(1, FeetechErrors.None);

        Assert.Equal(FeetechStatus.Ok, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));
    }

    [Fact]
    public void ARemovedServo_GivesTimeout_UntilItIsPutBack()
    {
        Emulator.RemoveServo(6);

        Assert.Equal(FeetechStatus.Timeout, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));
        Assert.Equal(6, Bus.Diagnostics.LastFault!.DeviceId);
        Assert.Throws<HardwareTimeoutException>(() => Bus.Ping(6));

        Emulator.RestoreServo(6);

        Assert.Equal(FeetechStatus.Ok, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));
        Assert.Equal(6, Bus.Ping(6).Id);
    }

    [Fact]
    public void ARemovedServo_IgnoresWrites()
    {
        Emulator.RemoveServo(2);

        Assert.Equal(FeetechStatus.Ok, Bus.SyncWrite(Sts3215.Acceleration.Address, 1, EmulatedBus.ArmIds, [9, 9, 9, 9, 9, 9]));

        Poll.Until(() => Emulator.ReadRegister(3, Sts3215.Acceleration) == 9, "servo 3 to take the write");
        Assert.Equal(0, Emulator.ReadRegister(2, Sts3215.Acceleration));
    }

    [Fact]
    public void AClosedPort_GivesDisconnected_OnTheRealTimePath()
    {
        Emulator.ClosePort();

        Assert.Equal(FeetechStatus.Disconnected, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));
        Assert.Equal(FeetechStatus.Disconnected, Bus.SyncWrite(42, 2, EmulatedBus.ArmIds, _positions));
        Assert.Equal(0, Bus.Diagnostics.Retries);
        Assert.IsType<DeviceDisconnectedException>(Bus.Diagnostics.LastFault);
        Poll.Until(() => !Emulator.IsRunning, "the emulator to stop serving");
    }

    [Fact]
    public void AClosedPort_ThrowsDeviceDisconnected_OnTheConfigurationPath()
    {
        Emulator.ClosePort();

        var error = Assert.Throws<DeviceDisconnectedException>(() => Bus.Ping(1));

        Assert.Equal(Emulator.PortPath, error.Bus);
    }

    [Fact]
    public void DelayedReplies_TimeOut_AndTheLateReplyIsDiscardedBeforeTheNextTransaction()
    {
        using var fixture = new EmulatedBus(busOptions: EmulatedBus.FastFailing(retries: 0));
        fixture.Emulator.DelayReplies(TimeSpan.FromMilliseconds(300));

        Assert.Throws<HardwareTimeoutException>(() => fixture.Bus.Read(1, Sts3215.Acceleration));

        fixture.Emulator.DelayReplies(TimeSpan.Zero);
        Poll.Until(() => fixture.Emulator.RepliesSent == 1, "the late reply to arrive");
        fixture.Bus.Write(1, Sts3215.Acceleration, 12);
        Assert.Equal(12, fixture.Bus.Read(1, Sts3215.Acceleration));
    }

    [Fact]
    public void DelayedReplies_WithinTheTimeout_StillSucceed()
    {
        Emulator.DelayReplies(TimeSpan.FromMilliseconds(5));

        Assert.Equal(FeetechStatus.Ok, Bus.SyncRead(56, 2, EmulatedBus.ArmIds, _positions));
        Assert.Equal(0, Bus.Diagnostics.Retries);
    }

    [Fact]
    public void FaultInjection_Throws_ForAnUnknownServo()
    {
        Assert.Throws<ArgumentException>(() => Emulator.RemoveServo(42));
        Assert.Throws<ArgumentException>(() => Emulator.SetErrors(42, FeetechErrors.Overload));
    }
}
