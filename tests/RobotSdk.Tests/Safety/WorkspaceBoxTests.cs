using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Safety;

public sealed class WorkspaceBoxTests
{
    // The zero pose puts the tool at (0.285, 0, 0.266); lifting the shoulder lowers it below 0.2.
    private static readonly WorkspaceBox Box = new(new Vector3D(-0.4, -0.4, 0.2), new Vector3D(0.4, 0.4, 0.5));
    private static readonly SerialChain Chain = new(DemoArm.Description);

    [Fact]
    public void StreamedTargetOutsideTheBox_IsRefusedAtTheBoundary_AndTheToolStaysInside()
    {
        using var robot = Create();
        double[] outside = [0, 0.6, 0, 0, 0];
        Assert.False(Box.Contains(Chain.ToolPosition(outside)));
        bool refused = false;

        for (int cycle = 0; cycle < 200; cycle++)
        {
            double[] before = robot.SentArm();
            robot.Robot.Arm.SetTargetPositions(outside);
            robot.Step();
            double[] after = robot.SentArm();
            Assert.True(Box.Contains(Chain.ToolPosition(after)), $"cycle {cycle}: tool at {Chain.ToolPosition(after)}");
            Assert.True(Box.Contains(Chain.ToolPosition(robot.MeasuredArm())), $"cycle {cycle}: measured tool outside");
            if (robot.Interventions.HasFlag(SafetyInterventions.Workspace))
            {
                refused = true;
                Assert.Equal(before, after); // every arm joint kept its command
            }
        }

        Assert.True(refused, "the step out of the box was never refused");
        // Stopped at the box's floor (z = 0.2), not before: within one step (3 rad/s * 5 ms * 0.3 m).
        double height = Chain.ToolPosition(robot.SentArm()).Z;
        Assert.True(height - Box.Min.Z < 0.005, $"the arm stopped early, with the tool at z = {height}");
        Assert.True(robot.Robot.GetDiagnostics().WorkspaceRejections > 0);
    }

    [Fact]
    public void Gripper_StillMoves_WhileTheArmIsRefused()
    {
        using var robot = Create();
        robot.Robot.Gripper!.SetOpenFraction(1);

        for (int cycle = 0; cycle < 300; cycle++)
        {
            robot.Robot.Arm.SetTargetPositions([0, 0.6, 0, 0, 0]);
            robot.Step();
        }

        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.Workspace), $"flags {robot.Interventions}");
        Assert.Equal(1.6, robot.Sent()[SteppedRobot.GripperJoint], 9);
    }

    [Fact]
    public async Task MoveToAsync_Throws_ForAGoalOutsideTheBox()
    {
        using var robot = Create();

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => robot.Robot.Arm.MoveToAsync([0, 0.6, 0, 0, 0]));

        Assert.Contains("workspace box", exception.Message, StringComparison.Ordinal);
        robot.Step(10);
        Assert.Equal(new double[5], robot.SentArm()); // nothing moved
    }

    [Fact]
    public void MovingBackTowardTheBox_IsAllowed_FromOutside()
    {
        // Start with the tool below the box.
        using var robot = Create(initialPositions: [0, 0.8, 0, 0, 0, 0]);
        double distance = Box.DistanceOutside(Chain.ToolPosition(robot.SentArm()));
        Assert.True(distance > 0);

        for (int cycle = 0; cycle < 300; cycle++)
        {
            robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]);
            robot.Step();
            Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.Workspace);
            double now = Box.DistanceOutside(Chain.ToolPosition(robot.SentArm()));
            Assert.True(now <= distance, $"cycle {cycle}: moved away from the box ({distance} to {now})");
            distance = now;
        }

        Assert.Equal(new double[5], robot.SentArm());
        Assert.True(Box.Contains(Chain.ToolPosition(robot.SentArm())));
    }

    [Fact]
    public void MovingFurtherAway_IsRefused_FromOutside()
    {
        using var robot = Create(initialPositions: [0, 0.8, 0, 0, 0, 0]);
        double[] start = robot.SentArm();

        for (int cycle = 0; cycle < 20; cycle++)
        {
            robot.Robot.Arm.SetTargetPositions([0, 1.2, 0, 0, 0]);
            robot.Step();
        }

        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.Workspace), $"flags {robot.Interventions}");
        Assert.Equal(start, robot.SentArm());
    }

    private static SteppedRobot Create(double[]? initialPositions = null) =>
        SteppedRobot.Create(
            options => options.Safety.Workspace = new WorkspaceBoxOptions { Min = [Box.Min.X, Box.Min.Y, Box.Min.Z], Max = [Box.Max.X, Box.Max.Y, Box.Max.Z] },
            initialPositions);
}
