using RobotSdk.Drivers.Dynamixel.Emulation;

namespace RobotSdk.Drivers.Dynamixel.Tests.Bus;

/// <summary>The set-up (throwing) half of the bus against the emulator over a real pty.</summary>
public sealed class DynamixelBusSetupTests
{
    [Fact]
    public void Ping_GivesModelNumberAndFirmwareVersion()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(3, ServoModel.XL330M288) with { FirmwareVersion = 47 }]);

        PingResult result = rig.Bus.Ping(3);

        Assert.Equal(new PingResult(3, 1200, 47), result);
        Assert.Same(ServoModel.XL330M288, result.Model);
    }

    [Fact]
    public void Scan_FindsExactlyTheServosOnTheBus()
    {
        using var rig = new EmulatedBus(
            [EmulatedBus.Servo(1), EmulatedBus.Servo(2, ServoModel.XL430W250), EmulatedBus.Servo(5, ServoModel.XM540W270)],
            new DynamixelBusOptions { ReplyTimeoutMs = 100, Retries = 0 });

        IReadOnlyList<PingResult> found = rig.Bus.Scan([.. Enumerable.Range(0, 8).Select(id => (byte)id)]);

        Assert.Equal([1, 2, 5], found.Select(servo => (int)servo.Id));
        Assert.Equal([1020, 1060, 1120], found.Select(servo => (int)servo.ModelNumber));
    }

    [Fact]
    public void WriteThenRead_OfANamedItem_RoundTrips()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);

        rig.Bus.Write(1, XSeriesControlTable.ProfileVelocity, 321);

        Assert.Equal(321, rig.Bus.Read(1, XSeriesControlTable.ProfileVelocity));
        Assert.Equal(321, rig.Emulator.ReadRegister(1, XSeriesControlTable.ProfileVelocity));
    }

    [Fact]
    public void WriteThenRead_OfARawAddressRange_RoundTrips()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        byte[] profile = [10, 0, 0, 0, 20, 0, 0, 0];

        rig.Bus.Write(1, 108, profile);
        var back = new byte[8];
        rig.Bus.Read(1, 108, back);

        Assert.Equal(profile, back);
    }

    [Fact]
    public void Read_OfPresentPosition_FollowsTheJoint()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        rig.Backend.SetPosition(0, Math.PI / 2);

        Assert.Equal(3072, rig.Bus.Read(1, XSeriesControlTable.PresentPosition));
    }

    [Fact]
    public void EepromWrite_IsRefusedWithAnAccessError_WhileTorqueIsOn()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        rig.Bus.Write(1, XSeriesControlTable.TorqueEnable, 1);

        DeviceErrorException failure = Assert.Throws<DeviceErrorException>(() => rig.Bus.Write(1, XSeriesControlTable.OperatingMode, (int)OperatingMode.ExtendedPosition));

        Assert.Equal((int)StatusErrorKind.AccessError, failure.ErrorCode);
        Assert.False(failure.IsHardwareAlert);
        Assert.Equal(rig.Port.PortName, failure.Bus);
        Assert.Equal(1, failure.DeviceId);
        Assert.Equal("Operating Mode", failure.Register);
        Assert.Equal((int)OperatingMode.Position, rig.Bus.Read(1, XSeriesControlTable.OperatingMode));
        Assert.Same(failure, rig.Bus.Diagnostics.LastFault);
    }

    [Fact]
    public void EepromWrite_IsAccepted_WithTorqueOff()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);

        rig.Bus.Write(1, XSeriesControlTable.OperatingMode, (int)OperatingMode.ExtendedPosition);

        Assert.Equal((int)OperatingMode.ExtendedPosition, rig.Bus.Read(1, XSeriesControlTable.OperatingMode));
    }

    [Theory]
    [InlineData(64, 2, StatusErrorKind.DataRangeError)]
    [InlineData(11, 2, StatusErrorKind.DataRangeError)]
    [InlineData(132, 0, StatusErrorKind.AccessError)]
    public void Write_OutOfRangeOrReadOnly_IsRefusedWithTheServosError(ushort address, byte value, StatusErrorKind expected)
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        int size = address == 132 ? 4 : 1;
        var data = new byte[size];
        data[0] = value;

        DeviceErrorException failure = Assert.Throws<DeviceErrorException>(() => rig.Bus.Write(1, address, data));

        Assert.Equal((int)expected, failure.ErrorCode);
    }

    [Fact]
    public void GoalCurrent_AboveCurrentLimit_IsADataLimitError()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);

        DeviceErrorException failure = Assert.Throws<DeviceErrorException>(() => rig.Bus.Write(1, XSeriesControlTable.GoalCurrent, 1194));

        Assert.Equal((int)StatusErrorKind.DataLimitError, failure.ErrorCode);
    }

    [Fact]
    public void CurrentMode_OnAnXl430_IsADataRangeError()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1, ServoModel.XL430W250)]);

        DeviceErrorException failure = Assert.Throws<DeviceErrorException>(() => rig.Bus.Write(1, XSeriesControlTable.OperatingMode, (int)OperatingMode.Current));

        Assert.Equal((int)StatusErrorKind.DataRangeError, failure.ErrorCode);
    }

    [Fact]
    public void GoalPosition_WithTorqueOn_MovesTheJoint()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        rig.Bus.Write(1, XSeriesControlTable.TorqueEnable, 1);

        rig.Bus.Write(1, XSeriesControlTable.GoalPosition, 1024);

        Assert.Equal(-Math.PI / 2, rig.Backend.GetPresentPosition(0), 1e-9);
        Assert.Equal(1024, rig.Bus.Read(1, XSeriesControlTable.PresentPosition));
    }

    [Fact]
    public void GoalPosition_IsClampedToThePositionLimits_InPositionMode()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        rig.Bus.Write(1, XSeriesControlTable.MaxPositionLimit, 3000);
        rig.Bus.Write(1, XSeriesControlTable.TorqueEnable, 1);

        rig.Bus.Write(1, XSeriesControlTable.GoalPosition, 3500);

        Assert.Equal(3000, rig.Bus.Read(1, XSeriesControlTable.GoalPosition));
        Assert.Equal(3000, rig.Bus.Read(1, XSeriesControlTable.PresentPosition));
    }

    [Fact]
    public void GoalPosition_BeyondOneTurn_IsKept_InExtendedPositionMode()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1) with { OperatingMode = OperatingMode.ExtendedPosition }]);
        rig.Bus.Write(1, XSeriesControlTable.TorqueEnable, 1);

        rig.Bus.Write(1, XSeriesControlTable.GoalPosition, 2048 + 8192);

        Assert.Equal(4 * Math.PI, rig.Backend.GetPresentPosition(0), 1e-9);
    }

    [Fact]
    public void HomingOffset_IsAddedToThePresentPosition()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);

        rig.Bus.Write(1, XSeriesControlTable.HomingOffset, -1000);

        Assert.Equal(1048, rig.Bus.Read(1, XSeriesControlTable.PresentPosition));
    }

    [Fact]
    public void ReverseDriveMode_MirrorsPositionAndVelocity()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1) with { DriveMode = 1 }]);
        rig.Backend.SetPosition(0, 0.5);

        int position = rig.Bus.Read(1, XSeriesControlTable.PresentPosition);

        Assert.Equal(2048 - ServoUnits.RadiansToPosition(0.5) + 2048, position);
    }

    [Fact]
    public void MountingOffsetAndDirection_ShowInThePresentPosition()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1) with { DirectionSign = -1, ZeroOffsetRadians = 0.1 }]);
        rig.Backend.SetPosition(0, 0.4);

        Assert.Equal(ServoUnits.RadiansToPosition(-0.3), rig.Bus.Read(1, XSeriesControlTable.PresentPosition));
    }

    [Fact]
    public void TorqueEnable_HoldsThePresentPosition_AsTheGoal()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        rig.Backend.SetPosition(0, 1.0);

        rig.Bus.Write(1, XSeriesControlTable.TorqueEnable, 1);

        Assert.Equal(ServoUnits.RadiansToPosition(1.0), rig.Bus.Read(1, XSeriesControlTable.GoalPosition));
    }

    [Fact]
    public void RegisterWrite_TakesEffectOnlyOnAction()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(2));
        rig.Bus.Write(ServoIds.Broadcast, XSeriesControlTable.TorqueEnable, 1);
        Poll.Until(() => rig.Emulator.ReadRegister(2, XSeriesControlTable.TorqueEnable) == 1, "torque on both servos");

        rig.Bus.RegisterWrite(1, XSeriesControlTable.GoalPosition, 2548);
        rig.Bus.RegisterWrite(2, XSeriesControlTable.GoalPosition, 1548);

        Assert.Equal(0.0, rig.Backend.GetPresentPosition(0), 1e-9);
        Assert.Equal(1, rig.Bus.Read(1, XSeriesControlTable.RegisteredInstruction));
        rig.Bus.Action();
        Poll.Until(() => rig.Emulator.ReadRegister(2, XSeriesControlTable.PresentPosition) == 1548, "servo 2 at its registered goal");
        Assert.Equal(2548, rig.Bus.Read(1, XSeriesControlTable.PresentPosition));
        Assert.Equal(0, rig.Bus.Read(1, XSeriesControlTable.RegisteredInstruction));
    }

    [Fact]
    public void Action_WithNothingRegistered_IsAnInstructionError()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);

        DeviceErrorException failure = Assert.Throws<DeviceErrorException>(() => rig.Bus.Action(1));

        Assert.Equal((int)StatusErrorKind.InstructionError, failure.ErrorCode);
    }

    [Fact]
    public void Reboot_TurnsTorqueOff_AndKeepsEeprom()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        rig.Bus.Write(1, XSeriesControlTable.HomingOffset, 100);
        rig.Bus.Write(1, XSeriesControlTable.TorqueEnable, 1);

        rig.Bus.Reboot(1);

        Assert.Equal(0, rig.Bus.Read(1, XSeriesControlTable.TorqueEnable));
        Assert.Equal(100, rig.Bus.Read(1, XSeriesControlTable.HomingOffset));
    }

    [Fact]
    public void BroadcastWrite_ReachesEveryServo_WithoutAwaitingAReply()
    {
        using var rig = new EmulatedBus(EmulatedBus.Servos(3));

        rig.Bus.Write(ServoIds.Broadcast, XSeriesControlTable.Led, 1);

        Poll.Until(() => Enumerable.Range(1, 3).All(id => rig.Emulator.ReadRegister((byte)id, XSeriesControlTable.Led) == 1), "every LED on");
        Assert.Equal(0, rig.Bus.Diagnostics.Timeouts);
    }

    [Fact]
    public void Servos_AtAnotherBaudRate_DoNotAnswer()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1) with { BaudRateIndex = 1 }], new DynamixelBusOptions { ReplyTimeoutMs = 10, Retries = 0 });

        Assert.Throws<HardwareTimeoutException>(() => rig.Bus.Ping(1));
    }

    [Fact]
    public void Constructor_NeverOpensThePort()
    {
        var port = new ScriptedSerialPort();

        _ = new DynamixelBus(port);

        Assert.False(port.IsOpen);
    }

    [Fact]
    public void SetupCalls_OnAClosedPort_AreMisuse()
    {
        var bus = new DynamixelBus(new ScriptedSerialPort());

        Assert.Throws<InvalidOperationException>(() => bus.Ping(1));
    }

    [Fact]
    public void Ping_RefusesTheBroadcastId()
    {
        var bus = new DynamixelBus(new ScriptedSerialPort());

        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Ping(ServoIds.Broadcast));
    }
}
