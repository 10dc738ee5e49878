using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel.Tests.Arms;

/// <summary>A robot on an emulated arm ends safe when the hardware fails, and comes back without a restart.</summary>
public sealed class DynamixelArmFaultTests
{
    [Fact]
    public void ARemovedServo_FaultsTheRobotAfterMaxConsecutiveFailures_NamingIt_WithTorqueTurnedOff()
    {
        using var rig = new ArmRig(DynamixelArms.WidowX250s);
        DynamixelArmDriverOptions options = ArmRig.DriverOptions();
        options.Bus.ReplyTimeoutMs = 50;
        Robot robot = rig.CreateRobot(options);
        robot.Connect();
        robot.Activate();

        rig.Bus.RemoveServo(4);

        Poll.Until(() => robot.State == RobotState.Faulted, "the robot faulted");
        HardwareTimeoutException fault = Assert.IsType<HardwareTimeoutException>(robot.Fault);
        Assert.Equal(4, fault.DeviceId);
        Assert.Contains("ID 4", fault.Message, StringComparison.Ordinal);
        Assert.InRange(robot.GetDiagnostics().ReadErrors, 2, long.MaxValue);
        foreach (DynamixelMotor motor in rig.Arm.Motors.Where(motor => motor.Id != 4))
        {
            Poll.Until(() => rig.Bus.ReadRegister(motor.Id, XSeriesControlTable.TorqueEnable) == 0, $"torque off on ID {motor.Id}");
        }
    }

    [Fact]
    public async Task AVanishedPort_FaultsAtOnce_AndANewEmulatorAtTheSameLink_BringsTheRobotBack()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower);
        Robot robot = rig.CreateRobot();
        robot.Connect();
        robot.Activate();
        var faulted = new TaskCompletionSource<HardwareFaultException>(TaskCreationOptions.RunContinuationsAsynchronously);
        robot.Faulted += (_, fault) => faulted.TrySetResult(fault);

        rig.Bus.ClosePort();

        HardwareFaultException fault = await faulted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<DeviceDisconnectedException>(fault);
        Assert.Equal(rig.LinkPath, fault.Bus);
        Assert.Equal(RobotState.Faulted, robot.State);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);

        rig.ReplaceEmulator();
        robot.ClearFault();
        Assert.Equal(RobotState.Inactive, robot.State);
        robot.Activate();
        double[] goal = [0.2, -0.3, 0.25, -0.15, 0.4];
        await robot.Arm.MoveToAsync(goal, speedFraction: 1);

        Assert.Equal(RobotState.Active, robot.State);
        Assert.All(goal.Zip(rig.BackendArmPositions(robot)), pair => Assert.Equal(pair.First, pair.Second, 0.012));
    }

    [Fact]
    public void AHardwareAlert_FaultsTheRobotAtOnce_NamingTheServo_AndConfigureExplainsIt()
    {
        using var rig = new ArmRig(DynamixelArms.ViperX300s);
        Robot robot = rig.CreateRobot();
        robot.Connect();
        robot.Activate();

        rig.Bus.SetHardwareError(7, 0x20);

        Poll.Until(() => robot.State == RobotState.Faulted, "the robot faulted");
        DeviceErrorException fault = Assert.IsType<DeviceErrorException>(robot.Fault);
        Assert.True(fault.IsHardwareAlert);
        Assert.Equal(7, fault.DeviceId);
        Assert.Contains("ID 7", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, robot.GetDiagnostics().ReadErrors);

        DeviceErrorException again = Assert.Throws<DeviceErrorException>(robot.ClearFault);
        Assert.Contains("joint 'wrist_angle'", again.Message, StringComparison.Ordinal);
        Assert.Contains("overload", again.Message, StringComparison.Ordinal);
        Assert.Equal(RobotState.Faulted, robot.State);
    }

    [Fact]
    public void AServoOfTheWrongModel_IsRefusedAtConnect_NamingThePortJointIdAndModels()
    {
        using var rig = new ArmRig(DynamixelArms.KochFollower, new DynamixelArmEmulatorOptions
        {
            ConfigureServo = servo => servo.Id == 2 ? servo with { Model = ServoModel.XM430W350 } : servo,
        });
        Robot robot = rig.CreateRobot();

        HardwareFaultException failure = Assert.Throws<HardwareFaultException>(robot.Connect);

        Assert.Equal(2, failure.DeviceId);
        Assert.Equal("Model Number", failure.Register);
        Assert.Contains(rig.LinkPath, failure.Message, StringComparison.Ordinal);
        Assert.Contains("joint 'shoulder_lift'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("XL430-W250 (1060)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("XM430-W350 (1020)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(RobotState.Disconnected, robot.State);
    }

    [Fact]
    public void AMissingShadowServo_IsRefusedAtConnect_NamingItsJoint()
    {
        using var rig = new ArmRig(DynamixelArms.WidowX250s);
        DynamixelArmDriverOptions options = ArmRig.DriverOptions();
        options.Bus.ReplyTimeoutMs = 20;
        rig.Bus.RemoveServo(5);
        Robot robot = rig.CreateRobot(options);

        HardwareTimeoutException failure = Assert.Throws<HardwareTimeoutException>(robot.Connect);

        Assert.Equal(5, failure.DeviceId);
        Assert.Contains("the shadow servo of joint 'elbow'", failure.Message, StringComparison.Ordinal);
    }
}
