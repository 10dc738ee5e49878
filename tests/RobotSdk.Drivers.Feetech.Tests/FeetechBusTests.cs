using RobotSdk.Drivers.Feetech.Emulation;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>The bus against the emulator over a real pty, one instruction at a time.</summary>
public sealed class FeetechBusTests : IDisposable
{
    private readonly EmulatedBus _fixture = new();

    private FeetechBus Bus => _fixture.Bus;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Constructor_NeverOpensThePort()
    {
        using var port = new Transports.LinuxSerialPort(_fixture.Emulator.PortPath);

        _ = new FeetechBus(port);

        Assert.False(port.IsOpen);
    }

    [Fact]
    public void Open_SetsTheConfiguredBaudRate()
    {
        Assert.Equal(1_000_000, _fixture.Port.BaudRate);
        Assert.True(_fixture.Port.IsOpen);
    }

    [Fact]
    public void Ping_ReturnsModelNumberAndFirmwareVersion()
    {
        FeetechPingResult result = Bus.Ping(3);

        Assert.Equal(3, result.Id);
        Assert.Equal(777, result.ModelNumber);
        Assert.Equal(new FeetechFirmwareVersion(3, 10), result.Firmware);
        Assert.Equal("3.10", result.Firmware.ToString());
    }

    [Fact]
    public void Ping_ThrowsATimeoutNamingPortAndId_WhenNoServoHasTheId()
    {
        using var fixture = new EmulatedBus(busOptions: EmulatedBus.FastFailing(retries: 0));

        var error = Assert.Throws<HardwareTimeoutException>(() => fixture.Bus.Ping(9));

        Assert.Equal(fixture.Emulator.PortPath, error.Bus);
        Assert.Equal(9, error.DeviceId);
        Assert.Contains("ID 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_FindsExactlyTheServosPresent()
    {
        using var fixture = new EmulatedBus(busOptions: EmulatedBus.FastFailing(retries: 0));

        IReadOnlyList<FeetechPingResult> found = fixture.Bus.Scan([0, 1, 2, 3, 4, 5, 6, 7]);

        Assert.Equal(EmulatedBus.ArmIds, found.Select(result => result.Id));
        Assert.All(found, result => Assert.Equal(777, result.ModelNumber));
        Assert.Null(fixture.Bus.Diagnostics.LastFault);
        Assert.Equal(2, fixture.Bus.Diagnostics.Timeouts);
    }

    [Fact]
    public void Read_DecodesNamedItems()
    {
        Assert.Equal(777, Bus.Read(1, Sts3215.ModelNumber));
        Assert.Equal(2, Bus.Read(2, Sts3215.Id));
        Assert.Equal(0, Bus.Read(1, Sts3215.BaudRate));
        Assert.Equal(250, Bus.Read(1, Sts3215.ReturnDelayTime));
        Assert.Equal(4095, Bus.Read(1, Sts3215.MaxAngleLimit));
        Assert.Equal(32, Bus.Read(1, Sts3215.PositionPGain));
        Assert.Equal(1, Bus.Read(1, Sts3215.Lock));
        Assert.Equal(74, Bus.Read(1, Sts3215.PresentVoltage));
        Assert.Equal(2048, Bus.Read(1, Sts3215.PresentPosition));
    }

    [Fact]
    public void Read_OfRawBytes_ReturnsTheMemory()
    {
        var bytes = new byte[5];

        Bus.Read(4, 0, bytes);

        Assert.Equal("03 0A 00 09 03", Hex.Format(bytes));
    }

    [Fact]
    public void Write_TorqueAndGoal_MovesTheJoint()
    {
        Bus.Write(2, Sts3215.TorqueEnable, 1);
        Bus.Write(2, Sts3215.GoalPosition, 3072);

        Poll.Until(() => Math.Abs(_fixture.Backend.GetPresentPosition(1) - (Math.PI / 2)) < 1e-9, "joint 1 to reach pi/2");
        Assert.Equal(3072, Bus.Read(2, Sts3215.PresentPosition));
        Assert.Equal(1, Bus.Read(2, Sts3215.TorqueEnable));
    }

    [Fact]
    public void Write_OfRawBytes_WritesTheMemory()
    {
        Bus.Write(1, Sts3215.Acceleration.Address, [200]);

        Assert.Equal(200, Bus.Read(1, Sts3215.Acceleration));
    }

    [Fact]
    public void Write_Throws_ForAReadOnlyItem()
    {
        Assert.Throws<ArgumentException>(() => Bus.Write(1, Sts3215.PresentPosition, 5));
    }

    [Fact]
    public void Write_Throws_ForAValueOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bus.Write(1, Sts3215.TorqueEnable, 300));
    }

    [Fact]
    public void BroadcastWrite_ChangesEveryServo_AndGetsNoReply()
    {
        long repliesBefore = _fixture.Emulator.RepliesSent;

        Bus.Write(FeetechPacket.BroadcastId, Sts3215.Acceleration, 50);

        Poll.Until(() => EmulatedBus.ArmIds.All(id => _fixture.Emulator.ReadRegister(id, Sts3215.Acceleration) == 50), "every servo to take the write");
        Assert.Equal(repliesBefore, _fixture.Emulator.RepliesSent);
    }

    [Fact]
    public void RegWrite_TakesEffectOnlyAtAction()
    {
        Bus.RegWrite(5, Sts3215.Acceleration, 77);
        Assert.Equal(0, Bus.Read(5, Sts3215.Acceleration));

        Bus.Action();

        Assert.Equal(77, Bus.Read(5, Sts3215.Acceleration));
    }

    [Fact]
    public void Action_AddressedToOneServo_IsAcknowledged()
    {
        Bus.RegWrite(5, Sts3215.Acceleration, 9);

        Bus.Action(5);

        Assert.Equal(9, Bus.Read(5, Sts3215.Acceleration));
    }

    [Fact]
    public void Reset_IsAcknowledged()
    {
        Bus.Reset(6);

        Assert.Equal(0, Bus.Diagnostics.Errors);
        Assert.Equal(6, Bus.Ping(6).Id);
    }

    [Fact]
    public void SyncRead_ReadsEveryServoInListOrder()
    {
        _fixture.Backend.SetPosition(0, StsUnits.CountsToRadians(2001));
        _fixture.Backend.SetPosition(3, StsUnits.CountsToRadians(1000));
        var data = new byte[12];

        FeetechStatus status = Bus.SyncRead(Sts3215.PresentPosition.Address, 2, EmulatedBus.ArmIds, data);

        Assert.Equal(FeetechStatus.Ok, status);
        Assert.Equal("D1 07", Hex.Format(data.AsSpan(0, 2)));
        Assert.Equal(1000, Sts3215.PresentPosition.Decode(data.AsSpan(6)));
        Assert.Equal(2048, Sts3215.PresentPosition.Decode(data.AsSpan(10)));
    }

    [Fact]
    public void SyncRead_OfSeveralItems_ReadsPositionSpeedAndLoadInOneGo()
    {
        var data = new byte[6 * 6];

        FeetechStatus status = Bus.SyncRead(Sts3215.PresentPosition.Address, 6, EmulatedBus.ArmIds, data);

        Assert.Equal(FeetechStatus.Ok, status);
        Assert.Equal(2048, Sts3215.PresentPosition.Decode(data.AsSpan(30)));
        Assert.Equal(0, Sts3215.PresentSpeed.Decode(data.AsSpan(32)));
        Assert.Equal(0, Sts3215.PresentLoad.Decode(data.AsSpan(34)));
    }

    [Fact]
    public void SyncWrite_SetsEveryGoal_AndTheServosFollow()
    {
        Bus.Write(FeetechPacket.BroadcastId, Sts3215.TorqueEnable, 1);
        var goals = new byte[12];
        for (int i = 0; i < 6; i++)
        {
            Sts3215.GoalPosition.Encode(2049 + i, goals.AsSpan(2 * i));
        }

        FeetechStatus status = Bus.SyncWrite(Sts3215.GoalPosition.Address, 2, EmulatedBus.ArmIds, goals);

        Assert.Equal(FeetechStatus.Ok, status);
        for (int i = 0; i < 6; i++)
        {
            int joint = i;
            Poll.Until(() => _fixture.Emulator.ReadRegister(EmulatedBus.ArmIds[joint], Sts3215.GoalPosition) == 2049 + joint, $"servo {joint + 1} to take its goal");
            Poll.Until(() => StsUnits.RadiansToCounts(_fixture.Backend.GetPresentPosition(joint)) == 2049 + joint, $"joint {joint} to reach its goal");
        }
    }

    [Fact]
    public void SyncRead_Throws_ForMisuse()
    {
        Assert.Throws<ArgumentException>(() => Bus.SyncRead(56, 2, [], new byte[4]));
        Assert.Throws<ArgumentException>(() => Bus.SyncRead(56, 2, EmulatedBus.ArmIds, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bus.SyncRead(56, 0, EmulatedBus.ArmIds, new byte[12]));
    }

    [Fact]
    public void Diagnostics_CountOneTransactionPerCall()
    {
        Bus.Read(1, Sts3215.Id);
        Bus.SyncRead(56, 2, EmulatedBus.ArmIds, new byte[12]);
        Bus.SyncWrite(41, 1, EmulatedBus.ArmIds, new byte[6]);

        Assert.Equal(3, Bus.Diagnostics.Transactions);
        Assert.Equal(0, Bus.Diagnostics.Retries);
    }

    [Fact]
    public void ResponseStatusLevelZero_SilencesWriteAcknowledgements_ButNotReads()
    {
        using var fixture = new EmulatedBus(busOptions: EmulatedBus.FastFailing(retries: 0));

        // The level applies from the write that sets it: even that write goes unacknowledged.
        Assert.Throws<HardwareTimeoutException>(() => fixture.Bus.Write(1, Sts3215.ResponseStatusLevel, 0));
        Assert.Throws<HardwareTimeoutException>(() => fixture.Bus.Write(1, Sts3215.Acceleration, 3));
        Assert.Equal(3, fixture.Bus.Read(1, Sts3215.Acceleration));
        Assert.Equal(0, fixture.Bus.Read(1, Sts3215.ResponseStatusLevel));
    }
}
