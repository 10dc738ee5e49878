using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>The driver end to end against the emulator over a real pty: lifecycle, tracking, gripper, limits.</summary>
public sealed class MyCobotDriverTests : IDisposable
{
    private static readonly double[] Pose = [0.3, -0.4, 0.5, -0.2, 0.1, 0.6, 0.25];
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Fact]
    public void Configure_ReleasesTheServos_AndReadsTheJointsAndTheGripper()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(Pose));
        MyCobotDriver driver = Own(arm.CreateDriver());
        var state = new JointFrame(7);

        driver.Configure();

        Assert.Equal(DriverState.Inactive, driver.State);
        Assert.All(Enumerable.Range(0, 6), joint => Assert.False(arm.Emulator.IsEngaged(joint)));
        Assert.Equal(DriverStatus.Ok, driver.Read(state));
        for (int joint = 0; joint < 7; joint++)
        {
            Assert.Equal(Pose[joint], state.Positions[joint], 0.0002);
        }
    }

    [Fact]
    public void Configure_OnAnArmWhoseServosAreOff_PowersThemToReadTheAngles_ThenReleasesThem()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(Pose, new MyCobotEmulatorOptions { ProcessingLatency = TimeSpan.FromMilliseconds(2), StartPoweredOn = false }));
        MyCobotDriver driver = Own(arm.CreateDriver());

        driver.Configure();

        Assert.True(arm.Emulator.IsPoweredOn);
        Assert.False(arm.Emulator.IsEngaged(0));
        Assert.Equal(1, arm.Emulator.GetCommandCount(MyCobotCommand.PowerOn));
    }

    [Fact]
    public void Configure_WhenTheArmDoesNotAnswer_ThrowsATimeout_SayingWhatToCheck()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        arm.Emulator.CutPower();
        MyCobotDriver driver = Own(arm.CreateDriver(new MyCobotDriverOptions { ConnectTimeoutMs = 300, Bus = new MyCobotBusOptions { ReplyTimeoutMs = 50, Retries = 1 } }));

        var error = Assert.Throws<HardwareTimeoutException>(driver.Configure);

        Assert.Equal(arm.LinkPath, error.Bus);
        Assert.Equal("IsPoweredOn (0x12)", error.Register);
        Assert.Contains("does not answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("12 V", error.Message, StringComparison.Ordinal);
        Assert.Contains("115200", error.Message, StringComparison.Ordinal);
        Assert.Contains("Transponder > USB UART", error.Message, StringComparison.Ordinal);
        Assert.Contains("Atom firmware", error.Message, StringComparison.Ordinal);
        Assert.Equal(DriverState.Unconfigured, driver.State);
        Assert.Same(error, driver.Diagnostics.LastFault);
    }

    [Fact]
    public void Configure_OnAPathThatDoesNotExist_ThrowsDeviceUnavailable()
    {
        using var driver = new MyCobotDriver(Path.Combine(Path.GetTempPath(), $"ttyNOTHING-{Guid.NewGuid():N}"));

        var error = Assert.Throws<DeviceUnavailableException>(driver.Configure);

        Assert.Equal(DeviceUnavailableReason.NotFound, error.UnavailableReason);
    }

    [Fact]
    public void Activate_LocksTheServosWhereTheyAre_NothingJumps()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(Pose));
        MyCobotDriver driver = Own(arm.CreateDriver(new MyCobotDriverOptions { Speed = 70, Bus = EmulatedMyCobot.PatientBus() }));
        driver.Configure();

        driver.Activate(CommandMode.Position);

        Assert.Equal(DriverState.Active, driver.State);
        Poll.Until(() => arm.Emulator.GetCommandCount(MyCobotCommand.SendAngles) == 1, "the goals to reach the arm");
        Poll.Until(() => arm.Emulator.LastSpeed == 70, "the goals to take effect");
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.True(arm.Emulator.IsEngaged(joint));
            Assert.Equal(Pose[joint], arm.Emulator.GetTarget(joint), 0.0002);
            Assert.Equal(Pose[joint], arm.Emulator.GetJointPosition(joint), 0.0002);
        }

        Assert.True(arm.Emulator.RefreshMode);
    }

    [Fact]
    public void Write_TracksTheGoals_ClampedToTheLimits_AndNaNRepeatsTheLastGoal()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        MyCobotDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var state = new JointFrame(7);
        var command = new JointFrame(7);
        Assert.Equal(DriverStatus.Ok, driver.Read(state));
        command.CopyFrom(state);
        command.Positions[0] = 0.4;
        command.Positions[1] = 3.0; // beyond joint2's +135 degrees
        command.Positions[2] = double.NaN; // keep the last goal (0)

        Poll.Until(() =>
        {
            Assert.Equal(DriverStatus.Ok, driver.Write(command));
            Assert.Equal(DriverStatus.Ok, driver.Read(state));
            return Math.Abs(state.Positions[0] - 0.4) < 0.001 && Math.Abs(state.Positions[1] - MyCobot280.MaxPositionRadians(1)) < 0.001;
        }, "the arm to reach the goals");

        Assert.Equal(0, arm.Emulator.GetTarget(2), 1e-9);
        Assert.Equal(MyCobot280.MaxPositionRadians(1), arm.Emulator.GetTarget(1), 0.0002);
    }

    [Fact]
    public void TheGripper_IsSentOnlyWhenItsGoalChanges_AndReadEveryTenthCycle()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        MyCobotDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var state = new JointFrame(7);
        var command = new JointFrame(7);
        Assert.Equal(DriverStatus.Ok, driver.Read(state));
        command.CopyFrom(state);
        long readsBefore = GripperReads(arm);

        command.Positions[6] = 0.7;
        for (int cycle = 0; cycle < 20; cycle++)
        {
            Assert.Equal(DriverStatus.Ok, driver.Write(command));
            Assert.Equal(DriverStatus.Ok, driver.Read(state));
        }

        Poll.Until(() => GripperReads(arm) == readsBefore + 2, "two gripper reads in twenty cycles");
        Assert.Equal(1, arm.Emulator.GetCommandCount(MyCobotCommand.SetGripperValue));
        Poll.Until(() => Math.Abs(arm.Emulator.GetJointPosition(6) - 0.7) < 0.003, "the gripper to open to 0.7");
        Poll.Until(() =>
        {
            Assert.Equal(DriverStatus.Ok, driver.Read(state));
            return Math.Abs(state.Positions[6] - 0.7) < 0.0001;
        }, "the driver to read the gripper at 0.7");
    }

    [Fact]
    public void Deactivate_ReleasesTheServos()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot());
        MyCobotDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        driver.Activate(CommandMode.Position);
        Poll.Until(() => arm.Emulator.IsEngaged(0), "the servos to lock");

        driver.Deactivate();

        Assert.Equal(DriverState.Inactive, driver.State);
        Poll.Until(() => !arm.Emulator.IsEngaged(0), "the release to reach the arm");
        Assert.Equal(DriverStatus.Ok, driver.Write(new JointFrame(7)));
    }

    [Fact]
    public void WithFirmwareThatAcknowledgesSetCommands_TheDriverRunsWithoutErrors()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(options: new MyCobotEmulatorOptions { ProcessingLatency = TimeSpan.FromMilliseconds(2), AcknowledgeSetCommands = true }));
        MyCobotDriver driver = Own(arm.CreateDriver());
        driver.Configure();
        driver.Activate(CommandMode.Position);
        var frame = new JointFrame(7);

        for (int cycle = 0; cycle < 30; cycle++)
        {
            Assert.Equal(DriverStatus.Ok, driver.Read(frame));
            frame.Positions[0] = 0.01 * cycle;
            Assert.Equal(DriverStatus.Ok, driver.Write(frame));
        }

        Assert.Equal(0, driver.Diagnostics.Errors);
    }

    [Fact]
    public void WithoutAGripper_TheDescriptionHasSixJoints_AndTheGripperIsNeverAsked()
    {
        EmulatedMyCobot arm = Own(new EmulatedMyCobot(withGripper: false));
        MyCobotDriver driver = Own(arm.CreateDriver(new MyCobotDriverOptions { HasGripper = false, Bus = EmulatedMyCobot.PatientBus() }));

        driver.Configure();
        driver.Activate(CommandMode.Position);
        var frame = new JointFrame(6);
        Assert.Equal(DriverStatus.Ok, driver.Read(frame));
        Assert.Equal(DriverStatus.Ok, driver.Write(frame));

        Assert.Equal(6, driver.Description.Joints.Count);
        Assert.Empty(driver.Description.Grippers);
        Assert.Equal(0, arm.Emulator.GetCommandCount(MyCobotCommand.GetGripperValue));
    }

    [Fact]
    public void ReadAndWrite_BeforeConfigure_AskForDeactivation_WithANotConfiguredFault()
    {
        using var driver = new MyCobotDriver(new RobotSdk.Transports.LinuxSerialPort("/dev/null"));
        var frame = new JointFrame(7);

        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(frame));
        Assert.Equal(DriverStatus.MustDeactivate, driver.Write(frame));
        Assert.Contains("not configured", driver.Diagnostics.LastFault!.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => driver.Read(new JointFrame(6)));
        Assert.Throws<InvalidOperationException>(() => driver.Activate(CommandMode.Position));
        Assert.Throws<NotSupportedException>(() => driver.Activate(CommandMode.Velocity));
    }

    [Fact]
    public void Options_AreValidated()
    {
        var port = new RobotSdk.Transports.LinuxSerialPort("/dev/null");
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotDriver(port, new MyCobotDriverOptions { Speed = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotDriver(port, new MyCobotDriverOptions { GripperReadInterval = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotDriver(port, new MyCobotDriverOptions { GripperStrokeMeters = -0.01 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotDriver(port, new MyCobotDriverOptions { MaxConsecutiveFailures = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotDriver(port, new MyCobotDriverOptions { Bus = new MyCobotBusOptions { ReplyTimeoutMs = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MyCobotDriver(port, new MyCobotDriverOptions { MaxControlRateHz = 0 }));
        port.Dispose();
    }

    [Fact]
    public void ARobotAtTheDefault200Hz_IsRefused_BecauseTheSerialLinkSustainsOnly15Hz()
    {
        using var driver = new MyCobotDriver(new RobotSdk.Transports.LinuxSerialPort("/dev/null"));

        var exception = Assert.Throws<ArgumentException>(() => new Robot(driver, new RobotOptions()));

        Assert.Equal(MyCobot280.MaxControlRateHz, driver.Description.MaxControlRateHz);
        Assert.Contains("ControlRateHz 200 is above the 15 Hz a 'mycobot280' sustains", exception.Message, StringComparison.Ordinal);
        using var robot = new Robot(driver, new RobotOptions { ControlRateHz = 15 }); // accepted
    }

    private static long GripperReads(EmulatedMyCobot arm) => arm.Emulator.GetCommandCount(MyCobotCommand.GetGripperValue);

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
