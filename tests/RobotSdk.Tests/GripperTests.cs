using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests;

public sealed class GripperTests
{
    // DemoArm: closed at 0, open at 1.6 rad, 70 mm wide when open.
    private const double Closed = 0;
    private const double Open = 1.6;

    [Fact]
    public void SetOpenFraction_MovesTheGripperJointToTheInterpolatedPosition()
    {
        using var robot = SteppedRobot.Create();

        robot.Robot.Gripper!.SetOpenFraction(0.5);
        robot.Step(200);

        Assert.Equal(Closed + (0.5 * (Open - Closed)), robot.Sent()[SteppedRobot.GripperJoint], 12);
        Assert.Equal(new double[5], robot.SentArm()); // the arm did not move
    }

    [Fact]
    public void OpenFraction_ReadsBackTheMeasuredOpening()
    {
        using var robot = SteppedRobot.Create();
        IGripper gripper = robot.Robot.Gripper!;
        Assert.Equal(0, gripper.OpenFraction);

        gripper.SetOpenFraction(0.25);
        robot.Step(200);

        Assert.Equal(0.25, gripper.OpenFraction, 12);
        Assert.Equal(0.25 * 0.07, gripper.WidthMeters!.Value, 12);
    }

    [Fact]
    public void SetWidth_ConvertsMetresWithTheMaximumWidth()
    {
        using var robot = SteppedRobot.Create();

        robot.Robot.Gripper!.SetWidth(0.035);
        robot.Step(200);

        Assert.Equal(0.5 * Open, robot.Sent()[SteppedRobot.GripperJoint], 12);
        Assert.Equal(0.035, robot.Robot.Gripper.WidthMeters!.Value, 12);
    }

    [Fact]
    public void Gripper_IsNotSubjectToTheWatchdog()
    {
        using var robot = SteppedRobot.Create();

        robot.Robot.Gripper!.SetOpenFraction(1);
        robot.Step(400); // 2 s, far past the 250 ms watchdog

        Assert.Equal(Open, robot.Sent()[SteppedRobot.GripperJoint], 12);
        Assert.Equal(0, robot.Robot.GetDiagnostics().WatchdogTrips);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void SetOpenFraction_Throws_WhenOutsideZeroToOne(double fraction)
    {
        using var robot = SteppedRobot.Create();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => robot.Robot.Gripper!.SetOpenFraction(fraction));

        Assert.Equal("openFraction", exception.ParamName);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(0.0701)]
    public void SetWidth_Throws_WhenOutsideZeroToTheMaximumWidth(double width)
    {
        using var robot = SteppedRobot.Create();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => robot.Robot.Gripper!.SetWidth(width));

        Assert.Contains("0.07", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gripper_IsNamedAfterItsDescription()
    {
        using var robot = SteppedRobot.Create();

        Assert.Equal("gripper", robot.Robot.Gripper!.Name);
        Assert.Single(robot.Robot.Grippers);
    }
}
