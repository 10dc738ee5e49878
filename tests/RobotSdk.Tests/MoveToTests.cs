using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests;

/// <summary>MoveToAsync driven cycle by cycle.</summary>
public sealed class MoveToTests
{
    [Fact]
    public async Task MoveToAsync_Completes_WhenTheMeasuredPositionsAreWithinTolerance()
    {
        using var robot = SteppedRobot.Create(lagMs: 20);
        double[] goal = [0.4, -0.3, 0.2, 0.1, -0.5];
        Task move = robot.Robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.005);

        robot.StepUntil(() => Within(robot.MeasuredArm(), goal, 0.005), maxCycles: 1000, "reaching the goal");
        await move.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(Within(robot.MeasuredArm(), goal, 0.005));
    }

    [Fact]
    public void MoveToAsync_HalfSpeed_MovesAtHalfTheVelocityLimit()
    {
        using var robot = SteppedRobot.Create();
        _ = robot.Robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0], speedFraction: 0.5);

        robot.Step(40);
        double before = robot.SentArm()[0];
        robot.Step();

        Assert.Equal(0.5 * 3.0 * robot.PeriodSeconds, robot.SentArm()[0] - before, 12);
    }

    [Fact]
    public async Task Cancellation_StopsTheArm_ShortOfTheGoal()
    {
        using var robot = SteppedRobot.Create();
        using var cancellation = new CancellationTokenSource();
        Task move = robot.Robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0], speedFraction: 1, cancellationToken: cancellation.Token);
        robot.Step(40);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => move);
        robot.Step(100); // brake
        double[] stopped = robot.SentArm();
        robot.Step(20);

        Assert.Equal(stopped, robot.SentArm());
        Assert.True(stopped[0] < 1.2, $"stopped at {stopped[0]}, which is no stop");
        Assert.True(stopped[0] > 0.3, $"stopped at {stopped[0]}, which braked harder than the limit allows");
        Assert.Equal(SafetyInterventions.None, robot.Interventions);
    }

    [Fact]
    public async Task SetTargetPositions_CancelsAPendingMove()
    {
        using var robot = SteppedRobot.Create();
        Task move = robot.Robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0]);
        robot.Step(5);

        robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => move);
    }

    // A 0.05 rad move of shoulder_pan at full speed on the demo arm (3 rad/s, 20 rad/s^2) is
    // given 3 x (0.05 / 3 + 3 / 20) + 2 = 2.5 s of control cycles, and 10 s of wall time at most.

    [Fact]
    public async Task AMoveOnItsWay_DoesNotTimeOut_WhileTheControlLoopDoesNotRun()
    {
        using var robot = SteppedRobot.Create();
        double[] goal = [0.05, 0, 0, 0, 0];
        Task move = robot.Robot.Arm.MoveToAsync(goal, speedFraction: 1);
        robot.Step(2);

        // The host stalls for longer than the move's limit: no cycle runs, the command does not advance.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(move.IsCompleted, $"the move ended while its loop stood still: {move.Exception?.InnerException?.Message}");

        robot.StepUntilCompleted(move, maxCycles: 1000, "the move to complete once the loop runs again");
        await move;
        Assert.True(Within(robot.MeasuredArm(), goal, 0.01));
    }

    [Fact]
    public async Task AMoveThatCannotBeMeasured_FailsOnceItsCyclesAreSpent_AndStopsTheArm()
    {
        using var robot = SteppedRobot.Create();
        robot.Driver.InjectFault(DriverStatus.Error, new HardwareTimeoutException("mirror", 1, "Present_Position", "no reply"));
        Task move = robot.Robot.Arm.MoveToAsync([0.05, 0, 0, 0, 0], speedFraction: 1);

        robot.Step(1000); // 5 s of cycles at 200 Hz, twice the limit; every read fails

        var error = await Assert.ThrowsAsync<TimeoutException>(() => move.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("move of 'arm' did not settle in time; joint 'shoulder_pan'", error.Message, StringComparison.Ordinal);
        Assert.Contains("The arm was stopped.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMoveWhoseLoopHasStopped_StillFails_AfterFourTimesItsLimitInWallTime()
    {
        using var robot = SteppedRobot.Create();

        Task move = robot.Robot.Arm.MoveToAsync([0.05, 0, 0, 0, 0], speedFraction: 1); // no cycle runs at all

        var error = await Assert.ThrowsAsync<TimeoutException>(() => move.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("did not settle in time; joint 'shoulder_pan' is 0.0000 for goal 0.0500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveToAsync_ThrowsNamingTheJoint_WhenTheGoalIsOutsideTheLimits()
    {
        using var robot = SteppedRobot.Create();

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => robot.Robot.Arm.MoveToAsync([0, 0, 2.0, 0, 0]));

        Assert.Contains("elbow_flex", exception.Message, StringComparison.Ordinal);
        Assert.Contains("1.69", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2.0, exception.ActualValue);
    }

    [Fact]
    public async Task MoveToAsync_Throws_WhenTheGoalIsOutsideANarrowedProfileLimit()
    {
        using var robot = SteppedRobot.Create(options => options.Safety.JointLimits["wrist_flex"] = new JointLimitOverride { Min = -0.5, Max = 0.5 });

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => robot.Robot.Arm.MoveToAsync([0, 0, 0, 1.0, 0]));

        Assert.Contains("wrist_flex", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveToAsync_Throws_WhenGivenTheWrongNumberOfPositions()
    {
        using var robot = SteppedRobot.Create();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => robot.Robot.Arm.MoveToAsync([0, 0, 0]));

        Assert.Contains("5 joints", exception.Message, StringComparison.Ordinal);
        Assert.Contains("got 3", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public async Task MoveToAsync_Throws_WhenTheSpeedFractionIsOutOfRange(double speedFraction)
    {
        using var robot = SteppedRobot.Create();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => robot.Robot.Arm.MoveToAsync([0, 0, 0, 0, 0], speedFraction));
    }

    [Fact]
    public async Task MoveToAsync_Throws_WhenAGoalIsNotFinite()
    {
        using var robot = SteppedRobot.Create();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => robot.Robot.Arm.MoveToAsync([0, double.NaN, 0, 0, 0]));
    }

    [Fact]
    public void SetTargetPositions_Throws_WhenGivenTheWrongNumberOfPositions()
    {
        using var robot = SteppedRobot.Create();

        Assert.Throws<ArgumentException>(() => robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0, 0]));
    }

    private static bool Within(double[] actual, double[] goal, double tolerance) =>
        actual.Zip(goal).All(pair => Math.Abs(pair.First - pair.Second) <= tolerance);
}
