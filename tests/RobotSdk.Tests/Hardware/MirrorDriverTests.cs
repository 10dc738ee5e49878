using RobotSdk.Hardware;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Hardware;

public sealed class MirrorDriverTests
{
    private static readonly long Millisecond = ManualTimeProvider.TicksOf(0.001);

    [Fact]
    public void Command_BecomesTheMeasuredState_AfterTheLag_AndNotBefore()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 20);
        time.Advance(100 * Millisecond);

        Write(driver, 0.1);
        long written = time.GetTimestamp();

        time.Advance((20 * Millisecond) - 1);
        Assert.Equal(0.0, ReadFirst(driver));
        Assert.Equal(written + (20 * Millisecond) - 1, time.GetTimestamp());

        time.Advance(1);
        Assert.Equal(0.1, ReadFirst(driver));
    }

    [Fact]
    public void Command_BecomesTheMeasuredState_AtOnce_WithoutLag()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        time.Advance(100 * Millisecond);

        Write(driver, 0.1);

        Assert.Equal(0.1, ReadFirst(driver));
    }

    [Fact]
    public void Read_ReportsVelocityFromSuccessiveStates()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        time.Advance(10 * Millisecond);
        ReadFirst(driver);

        Write(driver, 0.02);
        time.Advance(10 * Millisecond);
        var state = new JointFrame(6);
        driver.Read(state);

        Assert.Equal(2.0, state.Velocities[0], 9);
        Assert.Equal(time.GetTimestamp(), state.TimestampTicks);
    }

    [Fact]
    public void Write_ClampsCommandsFasterThanTheVelocityLimit_AndCountsThem()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        time.Advance(10 * Millisecond); // 3 rad/s for 10 ms, with 50 % jitter slack: at most 0.045 rad

        Write(driver, 1.0);

        Assert.Equal(0.045, ReadFirst(driver), 6);
        Assert.Equal(1, driver.CommandsClamped);
    }

    [Fact]
    public void Write_ClampsCommandsBeyondThePositionLimits_AndCountsThem()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        time.Advance(TimeSpan.FromSeconds(10)); // slow enough for any distance

        Write(driver, 5.0);

        Assert.Equal(1.92, ReadFirst(driver));
        Assert.Equal(1, driver.CommandsClamped);
    }

    [Fact]
    public void Write_ReplacesANaNCommandWithThePreviousOne_AndCountsIt()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        time.Advance(10 * Millisecond);

        Write(driver, double.NaN);

        Assert.Equal(0.0, ReadFirst(driver));
        Assert.Equal(1, driver.CommandsClamped);
    }

    [Fact]
    public void Write_AcceptsCommandsWithinTheLimits_WithoutCounting()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        time.Advance(10 * Millisecond);

        Write(driver, 0.025);

        Assert.Equal(0.025, ReadFirst(driver));
        Assert.Equal(0, driver.CommandsClamped);
        Assert.Equal(0.025, driver.LatestCommandedPositions[0]);
    }

    [Fact]
    public void Write_HasNoEffect_WhileInactive()
    {
        var time = new ManualTimeProvider();
        using var driver = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = 0 }, time);
        driver.Configure();
        time.Advance(10 * Millisecond);

        Assert.Equal(DriverStatus.Ok, Write(driver, 0.02));
        Assert.Equal(0.0, ReadFirst(driver));
    }

    [Fact]
    public async Task RobotDrivenMotion_NeverMakesTheMirrorClamp()
    {
        using var robot = SteppedRobot.Create(lagMs: 20);
        double[] goal = [1.92, -1.75, 1.69, -1.66, 2.8]; // on every limit, at full speed

        Task move = robot.Robot.Arm.MoveToAsync(goal, speedFraction: 1);
        robot.StepUntil(() => robot.MeasuredArm().Zip(goal).All(p => Math.Abs(p.First - p.Second) <= 0.01), maxCycles: 2000, "reaching the goal");
        await move.WaitAsync(TimeSpan.FromSeconds(30));
        robot.Robot.Gripper!.SetOpenFraction(1);
        robot.Step(300);

        Assert.Equal(0, robot.Driver.CommandsClamped);
        Assert.True(robot.Driver.Diagnostics.Transactions > 0);
    }

    [Fact]
    public void InitialPositions_AreTheStateBeforeAnyCommand_ClampedToTheLimits()
    {
        var time = new ManualTimeProvider();
        using var driver = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { InitialPositions = [3, 0, 0, 0, 0, -1] }, time);
        driver.Configure();
        var state = new JointFrame(6);

        driver.Read(state);

        Assert.Equal(1.92, state.Positions[0]);
        Assert.Equal(0, state.Positions[5]);
    }

    [Fact]
    public void Constructor_Throws_WhenInitialPositionsHaveTheWrongCount()
    {
        var exception = Assert.Throws<ArgumentException>(() => new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { InitialPositions = [0, 0] }));

        Assert.Contains("6 joints", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_Throws_BeforeConfigure()
    {
        using var driver = new MirrorDriver(DemoArm.Description);

        Assert.Throws<InvalidOperationException>(() => driver.Activate(CommandMode.Position));
    }

    [Fact]
    public void Activate_Throws_ForModesOtherThanPosition()
    {
        using var driver = new MirrorDriver(DemoArm.Description);
        driver.Configure();

        Assert.Throws<NotSupportedException>(() => driver.Activate(CommandMode.Velocity));
    }

    [Fact]
    public void InjectedFault_IsReturnedAndRecorded_UntilConfiguredAgain()
    {
        var time = new ManualTimeProvider();
        using var driver = Active(time, lagMs: 0);
        var fault = new HardwareTimeoutException("mirror", 1, "Present_Position", "late");

        driver.InjectFault(DriverStatus.Error, fault);

        Assert.Equal(DriverStatus.Error, driver.Read(new JointFrame(6)));
        Assert.Equal(DriverStatus.Error, driver.Write(new JointFrame(6)));
        Assert.Same(fault, driver.Diagnostics.LastFault);
        Assert.Equal(2, driver.Diagnostics.Errors);

        driver.Deactivate();
        driver.Configure();
        Assert.Equal(DriverStatus.Ok, driver.Read(new JointFrame(6)));
    }

    [Fact]
    public void Unplug_MakesConfigureFail_UntilReplug()
    {
        using var driver = new MirrorDriver(DemoArm.Description);
        driver.Configure();

        driver.Unplug();

        Assert.Equal(DriverStatus.MustDeactivate, driver.Read(new JointFrame(6)));
        Assert.IsType<DeviceDisconnectedException>(driver.Diagnostics.LastFault);
        Assert.Throws<DeviceUnavailableException>(driver.Configure);
        driver.Replug();
        driver.Configure();
        Assert.Equal(DriverStatus.Ok, driver.Read(new JointFrame(6)));
    }

    private static MirrorDriver Active(ManualTimeProvider time, double lagMs)
    {
        var driver = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = lagMs }, time);
        driver.Configure();
        driver.Activate(CommandMode.Position);
        return driver;
    }

    private static DriverStatus Write(MirrorDriver driver, double shoulderPan)
    {
        var command = new JointFrame(6);
        command.Positions.Clear();
        command.Positions[0] = shoulderPan;
        return driver.Write(command);
    }

    private static double ReadFirst(MirrorDriver driver)
    {
        var state = new JointFrame(6);
        Assert.Equal(DriverStatus.Ok, driver.Read(state));
        return state.Positions[0];
    }
}
