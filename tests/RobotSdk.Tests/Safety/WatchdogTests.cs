using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Safety;

public sealed class WatchdogTests
{
    // 200 Hz and a 250 ms watchdog: 50 cycles without a new target trip it.
    private const int CyclesToTrip = 50;
    private static readonly double[] FarTarget = [1.8, 0, 0, 0, 0];

    [Fact]
    public void StaleStream_TripsTheWatchdog_AndTheArmDeceleratesThenHolds()
    {
        using var robot = SteppedRobot.Create();
        robot.Robot.Arm.SetTargetPositions(FarTarget); // once, never refreshed
        robot.Step(CyclesToTrip);
        Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.WatchdogHold);
        double speedBefore = Step(robot);
        Assert.True(speedBefore > 2.9, $"moving at {speedBefore} rad/s before the trip");

        var speeds = new List<double>();
        for (int cycle = 0; cycle < 100; cycle++)
        {
            speeds.Add(Step(robot));
            Assert.True(robot.Interventions.HasFlag(SafetyInterventions.WatchdogHold), $"cycle {cycle}: flags {robot.Interventions}");
        }

        // Slows at no more than the acceleration limit, then holds still. (The last braking
        // step may pass the stopping point by up to a*dt^2/8 and come back.)
        double previous = speedBefore;
        foreach (double speed in speeds)
        {
            Assert.True(Math.Abs(speed) <= Math.Abs(previous) + 1e-9, $"speeds {string.Join(", ", speeds)}");
            Assert.True(previous - speed <= (20 * robot.PeriodSeconds) + 1e-9, $"braked harder than 20 rad/s^2: {previous} to {speed}");
            previous = speed;
        }

        double[] held = robot.SentArm();
        robot.Step(20);
        Assert.Equal(held, robot.SentArm());
        Assert.True(held[0] < FarTarget[0], $"stopped at {held[0]}, short of the stale target");
        Assert.Equal(1, robot.Robot.GetDiagnostics().WatchdogTrips);
    }

    [Fact]
    public void FreshTarget_ResumesMotion_AfterAWatchdogHold()
    {
        using var robot = SteppedRobot.Create();
        robot.Robot.Arm.SetTargetPositions(FarTarget);
        robot.Step(CyclesToTrip + 100);
        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.WatchdogHold));
        double[] held = robot.SentArm();

        robot.Robot.Arm.SetTargetPositions([0, 0.5, 0, 0, 0]);
        robot.Step(10);

        Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.WatchdogHold);
        Assert.True(robot.SentArm()[1] > held[1], "shoulder_lift moved toward the fresh target");
        Assert.True(robot.SentArm()[0] < held[0], "shoulder_pan moved toward the fresh target");
    }

    [Fact]
    public void GoalCommand_EndsTheWatchdogHoldReport()
    {
        using var robot = SteppedRobot.Create();
        robot.Robot.Arm.SetTargetPositions(FarTarget);
        robot.Step(CyclesToTrip + 100);
        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.WatchdogHold));

        _ = robot.Robot.Arm.MoveToAsync([0, 0.3, 0, 0, 0]);
        robot.Step(2);

        Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.WatchdogHold);
    }

    [Fact]
    public void RefreshedStream_NeverTripsTheWatchdog()
    {
        using var robot = SteppedRobot.Create();

        for (int cycle = 0; cycle < 4 * CyclesToTrip; cycle++)
        {
            if (cycle % 10 == 0)
            {
                robot.Robot.Arm.SetTargetPositions(FarTarget); // every 50 ms
            }

            robot.Step();
            Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.WatchdogHold);
        }

        Assert.Equal(0, robot.Robot.GetDiagnostics().WatchdogTrips);
        Assert.Equal(FarTarget[0], robot.SentArm()[0], 9);
    }

    [Fact]
    public async Task MoveToAsync_IsNotSubjectToTheWatchdog()
    {
        using var robot = SteppedRobot.Create();
        Task move = robot.Robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0], speedFraction: 0.5); // about 1 s

        robot.Step(2 * CyclesToTrip);
        Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.WatchdogHold);
        Assert.False(move.IsCompleted);
        double before = robot.SentArm()[0];
        robot.Step();
        Assert.True(robot.SentArm()[0] > before, "still moving after twice the watchdog timeout");

        robot.StepUntil(() => Math.Abs(robot.MeasuredArm()[0] - 1.5) < 0.01, maxCycles: 1000, "reaching the goal");
        await move.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, robot.Robot.GetDiagnostics().WatchdogTrips);
        robot.Step(100);
        Assert.Equal(1.5, robot.MeasuredArm()[0], 9); // the goal stays the target after completion
    }

    private static double Step(SteppedRobot robot)
    {
        double before = robot.SentArm()[0];
        robot.Step();
        return (robot.SentArm()[0] - before) / robot.PeriodSeconds;
    }
}
