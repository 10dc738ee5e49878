using Moq;
using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests;

public sealed class ActivationTests
{
    private static readonly double[] Resting = [0.3, -0.2, 0.5, 0.1, -0.4, 0.6];

    [Fact]
    public void Activate_SendsTheMeasuredPositions_SoNothingJumps()
    {
        using var robot = SteppedRobot.Create(initialPositions: Resting, activate: false);
        robot.Step();
        double[] measured = robot.Measured();

        robot.Robot.Activate();
        robot.Step();

        double[] sent = robot.Sent();
        for (int joint = 0; joint < sent.Length; joint++)
        {
            Assert.True(Math.Abs(sent[joint] - measured[joint]) <= 1e-12, $"joint {joint}: sent {sent[joint]}, measured {measured[joint]}");
        }

        Assert.Equal(Resting, robot.Measured());
        Assert.Equal(SafetyInterventions.None, robot.Interventions);
        Assert.Equal(0, robot.Driver.CommandsClamped);
    }

    [Fact]
    public void Activate_HoldsStill_UntilATargetArrives()
    {
        using var robot = SteppedRobot.Create(initialPositions: Resting);

        robot.Step(100);

        Assert.Equal(Resting, robot.Sent());
        Assert.Equal(Resting, robot.Measured());
    }

    [Fact]
    public void Activate_TurnsTorqueBackOff_AndThrowsTheFault_WhenTheStateCannotBeRead()
    {
        var timeout = new HardwareTimeoutException("/dev/ttyACM0", 4, "Present_Position", "no reply");
        var diagnostics = new DriverDiagnostics();
        var driver = Driver(diagnostics);
        driver.Setup(d => d.Read(It.IsAny<JointFrame>())).Returns(() =>
        {
            diagnostics.RecordFault(timeout);
            return DriverStatus.Error;
        });
        using var robot = new Robot(driver.Object, timeProvider: new ManualTimeProvider());
        robot.Connect(startLoop: false);

        var exception = Assert.Throws<HardwareTimeoutException>(robot.Activate);

        Assert.Same(timeout, exception);
        Assert.Equal(RobotState.Inactive, robot.State);
        driver.Verify(d => d.Activate(CommandMode.Position), Times.Once());
        driver.Verify(d => d.Deactivate(), Times.Once());
    }

    [Fact]
    public void Activate_TurnsTorqueBackOff_WhenTheDriverThrowsReadingTheState()
    {
        var driver = Driver(new DriverDiagnostics());
        driver.Setup(d => d.Read(It.IsAny<JointFrame>())).Throws(new IOException("port vanished"));
        using var robot = new Robot(driver.Object, timeProvider: new ManualTimeProvider());
        robot.Connect(startLoop: false);

        Assert.Throws<IOException>(robot.Activate);

        Assert.Equal(RobotState.Inactive, robot.State);
        driver.Verify(d => d.Deactivate(), Times.Once());
    }

    [Fact]
    public void Activate_Throws_WhileTheEmergencyStopIsLatched()
    {
        using var robot = SteppedRobot.Create(activate: false);
        robot.Robot.EmergencyStop();

        var exception = Assert.Throws<InvalidOperationException>(robot.Robot.Activate);

        Assert.Contains("ResetEmergencyStop", exception.Message, StringComparison.Ordinal);
        Assert.Equal(RobotState.Inactive, robot.Robot.State);
        Assert.Equal(DriverState.Inactive, robot.Driver.State);
    }

    [Fact]
    public void Activate_Throws_BeforeConnect()
    {
        using var robot = new Robot(new MirrorDriver(DemoArm.Description));

        Assert.Throws<InvalidOperationException>(robot.Activate);
    }

    [Fact]
    public void Commands_BeforeActivate_ThrowRobotHaltedException_WithAHint()
    {
        using var robot = SteppedRobot.Create(activate: false);

        var exception = Assert.Throws<RobotHaltedException>(() => robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]));

        Assert.Contains("Inactive", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Activate()", exception.Message, StringComparison.Ordinal);
        Assert.Throws<RobotHaltedException>(() => robot.Robot.Gripper!.SetOpenFraction(0.5));
    }

    [Fact]
    public async Task MoveToAsync_BeforeActivate_FailsWithRobotHaltedException()
    {
        using var robot = SteppedRobot.Create(activate: false);

        await Assert.ThrowsAsync<RobotHaltedException>(() => robot.Robot.Arm.MoveToAsync([0.1, 0, 0, 0, 0]));
    }

    [Fact]
    public void Inactive_Robot_ReadsStateButSendsNothing()
    {
        using var robot = SteppedRobot.Create(initialPositions: Resting, activate: false);

        robot.Step(3);

        Assert.Equal(Resting, robot.Measured());
        Assert.Equal(DriverState.Inactive, robot.Driver.State);
        Assert.Equal(3, robot.Robot.GetDiagnostics().Cycles);
    }

    [Fact]
    public async Task Deactivate_TurnsTorqueOff_AndFailsAPendingMove()
    {
        using var robot = SteppedRobot.Create();
        Task move = robot.Robot.Arm.MoveToAsync([1.0, 0, 0, 0, 0]);
        robot.Step(5);

        robot.Robot.Deactivate();

        await Assert.ThrowsAsync<RobotHaltedException>(() => move);
        Assert.Equal(RobotState.Inactive, robot.Robot.State);
        Assert.Equal(DriverState.Inactive, robot.Driver.State);
    }

    [Fact]
    public void Connect_Throws_WhenAlreadyConnected()
    {
        using var robot = SteppedRobot.Create(activate: false);

        Assert.Throws<InvalidOperationException>(() => robot.Robot.Connect(startLoop: false));
    }

    [Fact]
    public void Constructor_ListsEveryProblemInTheOptions()
    {
        var options = new RobotOptions { ControlRateHz = 0 };
        options.Safety.MaxStepRadians = -1;

        var exception = Assert.Throws<ArgumentException>(() => new Robot(new MirrorDriver(DemoArm.Description), options));

        Assert.Contains("ControlRateHz 0", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Safety:MaxStepRadians -1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_DisposesTheDriver_AndIsIdempotent()
    {
        var robot = SteppedRobot.Create();

        robot.Robot.Dispose();
        robot.Robot.Dispose();

        Assert.Equal(RobotState.Disposed, robot.Robot.State);
        Assert.Equal(DriverState.Disposed, robot.Driver.State);
        Assert.Throws<ObjectDisposedException>(robot.Robot.Activate);
    }

    private static Mock<IRobotDriver> Driver(DriverDiagnostics diagnostics)
    {
        var driver = new Mock<IRobotDriver>();
        driver.SetupGet(d => d.Description).Returns(DemoArm.Description);
        driver.SetupGet(d => d.Diagnostics).Returns(diagnostics);
        return driver;
    }
}
