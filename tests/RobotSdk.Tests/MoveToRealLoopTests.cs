using RobotSdk.Hardware;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests;

/// <summary>MoveToAsync on the real control thread and a lagging mirror.</summary>
[Collection(RealTimeTests.Name)]
public sealed class MoveToRealLoopTests
{
    [Fact]
    public async Task MoveToAsync_CompletesOnTheMirror_AndTheMeasuredPositionsEndWithinTolerance()
    {
        var driver = new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = 20 });
        using var robot = new Robot(driver, new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();
        double[] goal = [0.3, -0.2, 0.25, 0.1, 0.4];

        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.01).WaitAsync(TimeSpan.FromSeconds(60));

        var measured = new double[5];
        robot.Arm.ReadPositions(measured);
        for (int joint = 0; joint < 5; joint++)
        {
            Assert.True(Math.Abs(measured[joint] - goal[joint]) <= 0.01, $"joint {joint}: measured {measured[joint]}, goal {goal[joint]}");
        }

        Assert.Equal(RobotState.Active, robot.State);
    }

    [Fact]
    public async Task MoveToAsync_ThenMoveBack_EndsWhereItStarted()
    {
        using var robot = new Robot(new MirrorDriver(DemoArm.Description), new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();

        await robot.Arm.MoveToAsync([0.2, 0.2, 0, 0, 0], speedFraction: 1).WaitAsync(TimeSpan.FromSeconds(60));
        await robot.Arm.MoveToAsync([0, 0, 0, 0, 0], speedFraction: 1, toleranceRadians: 0.002).WaitAsync(TimeSpan.FromSeconds(60));

        var measured = new double[5];
        robot.Arm.ReadPositions(measured);
        Assert.All(measured, position => Assert.True(Math.Abs(position) <= 0.002, $"measured {position}"));
    }

    [Fact]
    public async Task Cancellation_OnTheRealLoop_StopsTheArm()
    {
        using var robot = new Robot(new MirrorDriver(DemoArm.Description), new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();
        using var cancellation = new CancellationTokenSource();
        Task move = robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0], speedFraction: 0.1, cancellationToken: cancellation.Token); // 0.3 rad/s
        await Eventually.TrueAsync(() => Sent(robot) > 0.05, "the arm to start moving");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => move);

        // Stopped: the command no longer changes over five cycles, short of the goal.
        double previous = double.NaN;
        long cycles = robot.GetDiagnostics().Cycles;
        await Eventually.TrueAsync(() =>
        {
            if (robot.GetDiagnostics().Cycles < cycles + 5)
            {
                return false;
            }

            cycles = robot.GetDiagnostics().Cycles;
            double now = Sent(robot);
            bool still = now == previous;
            previous = now;
            return still;
        }, "the arm to stand still");
        Assert.True(previous < 1.0, $"stopped at {previous}");
    }

    private static double Sent(Robot robot)
    {
        var positions = new double[5];
        robot.Arm.ReadSentPositions(positions);
        return positions[0];
    }
}
