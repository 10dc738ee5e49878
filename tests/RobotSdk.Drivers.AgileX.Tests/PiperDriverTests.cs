using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>The driver end to end: <see cref="PiperDriver"/> over SLCAN on a pty against <see cref="PiperEmulator"/>.</summary>
public sealed class PiperDriverTests : IDisposable
{
    private static readonly double[] Pose = [0.3, 0.8, -0.6, 0.2, -0.3, 0.4, 0.03];
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Fact]
    public void Configure_WaitsForTheFeedback_ThenReadGivesTheArmsJointsInSiUnits()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());

        driver.Configure();
        var state = new JointFrame(PiperArm.JointCount);
        ReadOk(driver, state);

        Assert.Equal(DriverState.Inactive, driver.State);
        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            Assert.Equal(Pose[joint], state.Positions[joint], 1e-5);
        }

        // The motors' high-speed feedback follows the joint frames; until it arrives, NaN.
        Poll.Until(() => { ReadOk(driver, state); return !double.IsNaN(state.Velocities[5]); }, "the motors' speeds");
        Assert.Equal(0, state.Velocities[0], 1e-3);
        Assert.Equal(0, state.Currents[0], 1e-3);
        Assert.True(double.IsNaN(state.Velocities[6]));
        Assert.True(double.IsNaN(state.Currents[6]));
        Assert.NotEqual(0, state.TimestampTicks);
        Assert.Equal(ControlMode.Standby, driver.LastArmStatus.ControlMode);
    }

    [Fact]
    public void Configure_TurnsTorqueOff_EvenIfAnEarlierProgramLeftTheMotorsEnabled()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        using (var port = new LinuxSerialPort(arm.LinkPath))
        using (var earlier = new SlcanBus(port))
        {
            earlier.Open(1_000_000);
            earlier.Send(PiperProtocol.EncodeMotionControl(new MotionControlCommand(ControlMode.CanControl, MoveMode.Joint, 50, MitMode.PositionSpeed)));
            earlier.Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, true)));
            Poll.Until(() => arm.Emulator.IsMotorEnabled(7), "the earlier program's enable");
        }

        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();

        Poll.Until(() => !arm.Emulator.AnyMotorEnabled(), "Configure's disable to reach the arm");
    }

    [Fact]
    public void Activate_TakesCanControlInMoveJ_EnablesEveryMotor_AndNothingJumps()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();

        driver.Activate(CommandMode.Position);

        Assert.Equal(DriverState.Active, driver.State);
        Assert.Equal(ControlMode.CanControl, arm.Emulator.ControlMode);
        Assert.Equal(MoveMode.Joint, arm.Emulator.MoveMode);
        Assert.Equal(100, arm.Emulator.SpeedPercent);
        for (int motor = 1; motor <= 7; motor++)
        {
            Assert.True(arm.Emulator.IsMotorEnabled(motor), $"motor {motor} disabled");
        }

        var state = new JointFrame(PiperArm.JointCount);
        var command = new JointFrame(PiperArm.JointCount); // all NaN: hold the goals Activate seeded
        for (int cycle = 0; cycle < 30; cycle++)
        {
            ReadOk(driver, state);
            Assert.Equal(DriverStatus.Ok, driver.Write(command));
            Thread.Sleep(5);
        }

        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            Assert.Equal(Pose[joint], arm.Joints.GetPresentPosition(joint), 1e-4);
            Assert.Equal(Pose[joint], arm.Emulator.GetTarget(joint), 1e-4);
        }
    }

    [Fact]
    public void Write_MovesTheArmToTheGoal_ClampsItToTheLimits_AndNaNRepeatsTheLastGoal()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var command = new JointFrame(PiperArm.JointCount);
        double[] goal = [0.5, 1.0, -0.9, 0.0, 0.2, -0.5, 0.06];
        goal.CopyTo(command.Positions);
        command.Positions[2] = 0.4; // beyond joint 3's upper limit (0): clamped

        Assert.Equal(DriverStatus.Ok, driver.Write(command));
        command.Clear();
        var state = new JointFrame(PiperArm.JointCount);
        Poll.Until(() => { ReadOk(driver, state); driver.Write(command); return Math.Abs(state.Positions[2]) < 1e-3 && Math.Abs(state.Positions[6] - 0.06) < 1e-4; }, "the arm to reach the goal");

        Assert.Equal(0.5, state.Positions[0], 1e-3);
        Assert.Equal(0.0, state.Positions[2], 1e-3);
        Assert.Equal(-0.5, arm.Emulator.GetTarget(5), 1e-5);
    }

    [Fact]
    public void Write_SendsThreeJointFrames_EveryCycle_AndTheGripperOnlyWhenItsGoalChanges()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var command = new JointFrame(PiperArm.JointCount);
        Pose.CopyTo(command.Positions);
        long sentBefore = Sent(driver);

        for (int cycle = 0; cycle < 10; cycle++)
        {
            Assert.Equal(DriverStatus.Ok, driver.Write(command));
        }

        command.Positions[6] = 0.05;
        Assert.Equal(DriverStatus.Ok, driver.Write(command));

        // Eleven cycles of 0x155-0x157, the changed gripper goal, and at most one refresh if 100 ms passed.
        Assert.InRange(Sent(driver) - sentBefore, 34, 35);
        Poll.Until(() => Math.Abs(arm.Emulator.GetTarget(6) - 0.05) < 1e-6, "the changed gripper goal to reach the arm");
    }

    [Fact]
    public void Write_WhileInactive_SendsNothing()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        long sent = Sent(driver);

        Assert.Equal(DriverStatus.Ok, driver.Write(new JointFrame(PiperArm.JointCount)));

        Assert.Equal(sent, Sent(driver));
    }

    [Fact]
    public void ReadAndWrite_BeforeConfigure_AskToDeactivate_AndSayWhy()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        PiperDriver driver = Own(arm.CreateDriver());

        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(new JointFrame(PiperArm.JointCount)));
        Assert.Equal(DriverStatus.MustDeactivate, driver.Write(new JointFrame(PiperArm.JointCount)));
        Assert.Contains("not configured", driver.Diagnostics.LastFault!.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => driver.Read(new JointFrame(6)));
    }

    [Fact]
    public void Configure_WithNoArmOnTheBus_ThrowsATimeoutThatSaysWhatToCheck()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        arm.Emulator.PowerOff();
        PiperDriver driver = Own(arm.CreateDriver(EmulatedPiper.PatientOptions(o => o.ConnectTimeoutMs = 300)));

        var error = Assert.Throws<HardwareTimeoutException>(driver.Configure);

        Assert.Equal($"slcan:{arm.LinkPath}", error.Bus);
        Assert.Contains("no feedback from the PiPER within 300 ms (no CAN frames at all)", error.Message, StringComparison.Ordinal);
        Assert.Contains("powered on", error.Message, StringComparison.Ordinal);
        Assert.Contains("CAN_H and CAN_L", error.Message, StringComparison.Ordinal);
        Assert.Contains("bitrate 1000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("adapter is plugged in", error.Message, StringComparison.Ordinal);
        Assert.Equal(DriverState.Unconfigured, driver.State);
    }

    [Fact]
    public void Configure_AtTheWrongBitrate_HearsNothing()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        PiperDriver driver = Own(arm.CreateDriver(EmulatedPiper.PatientOptions(o => { o.ConnectTimeoutMs = 300; o.Bitrate = 500_000; })));

        var error = Assert.Throws<HardwareTimeoutException>(driver.Configure);

        Assert.Contains("500 kbit/s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_RefusesAnArmThatReportsAFault_NamingTheCode()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        arm.Emulator.SetArmStatus(ArmStatus.EmergencyStop);
        PiperDriver driver = Own(arm.CreateDriver());

        var error = Assert.Throws<DeviceErrorException>(driver.Configure);

        Assert.Equal((int)ArmStatus.EmergencyStop, error.ErrorCode);
        Assert.Contains("emergency stop (status 0x01", error.Message, StringComparison.Ordinal);
        Assert.Equal("arm status (0x2A1)", error.Register);

        arm.Emulator.SetArmStatus(ArmStatus.Normal);
        driver.Configure();
        Assert.Equal(DriverState.Inactive, driver.State);
    }

    [Fact]
    public void Activate_TimesOut_WhenTheArmNeverTakesCanControl()
    {
        EmulatedPiper arm = Own(new EmulatedPiper());
        PiperDriver driver = Own(arm.CreateDriver(EmulatedPiper.PatientOptions(o => o.EnableTimeoutMs = 300)));
        driver.Configure();
        arm.Emulator.Adapter.DropFramesToDevice(int.MaxValue); // the arm never hears the commands

        var error = Assert.Throws<HardwareTimeoutException>(() => driver.Activate(CommandMode.Position));

        Assert.Contains("did not take CAN control", error.Message, StringComparison.Ordinal);
        Assert.Contains("motors 1, 2, 3, 4, 5, 6 report disabled", error.Message, StringComparison.Ordinal);
        Assert.Equal(DriverState.Inactive, driver.State);
        Assert.Throws<NotSupportedException>(() => driver.Activate(CommandMode.Velocity));
    }

    [Fact]
    public void MalformedFeedback_IsCountedAndIgnored()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        var state = new JointFrame(PiperArm.JointCount);

        arm.Emulator.Adapter.Transmit(new CanFrame(PiperCanIds.JointFeedback12, [1, 2, 3, 4]));
        arm.Emulator.Adapter.Transmit(new CanFrame(PiperCanIds.ArmStatus, [0xFF]));
        Poll.Until(() => { ReadOk(driver, state); return driver.Diagnostics.CorruptReplies == 2; }, "both malformed frames to be counted");

        Assert.Equal(Pose[0], state.Positions[0], 1e-5);
        Assert.Equal(0, driver.Diagnostics.Errors);
    }

    [Fact]
    public void Configure_WorksAgain_AfterTheAdapterWasUnpluggedAndPluggedBackIn()
    {
        EmulatedPiper arm = Own(new EmulatedPiper(Pose));
        PiperDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        var state = new JointFrame(PiperArm.JointCount);

        arm.Emulator.Unplug();
        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(state));
        Assert.IsType<DeviceDisconnectedException>(driver.Diagnostics.LastFault);
        Assert.Throws<DeviceUnavailableException>(driver.Configure);

        arm.Emulator.Replug();
        driver.Configure();
        ReadOk(driver, state);
        Assert.Equal(Pose[1], state.Positions[1], 1e-5);
    }

    [Theory]
    [InlineData("can0", "can0")]
    [InlineData("socketcan:vcan1", "vcan1")]
    [InlineData("/dev/ttyACM0", "slcan:/dev/ttyACM0")]
    [InlineData("slcan:/tmp/ttyPIPER", "slcan:/tmp/ttyPIPER")]
    public void APortString_SelectsSocketCanForAnInterfaceName_AndSlcanForAPath(string port, string busName)
    {
        using var driver = new PiperDriver(port);

        Assert.Equal(busName, driver.BusName);
        Assert.Equal(DriverState.Unconfigured, driver.State);
        Assert.Equal("piper", driver.Description.Model);
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiperDriver("can0", new PiperDriverOptions { SpeedPercent = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiperDriver("can0", new PiperDriverOptions { GripperEffortNewtonMeters = 6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiperDriver("can0", new PiperDriverOptions { MaxConsecutiveFailures = 0 }));
        Assert.Throws<ArgumentException>(() => new PiperDriver(" "));
        Assert.Throws<ArgumentException>(() => new PiperDriver("slcan:"));
    }

    private static long Sent(PiperDriver driver) => driver.BusStatistics.FramesSent;

    private static void ReadOk(PiperDriver driver, JointFrame state) => Assert.Equal(DriverStatus.Ok, driver.Read(state));

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
