using RobotSdk.Control;
using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Control;

[Collection(RealTimeTests.Name)]
public sealed class ZeroAllocationTests
{
    [Fact]
    public void ControlLoop_AllocatesNothing_WhileARobotStreamsTargetsAt500Hz()
    {
        using var robot = new Robot(new MirrorDriver(DemoArm.Description), new RobotOptions { ControlRateHz = 500 });
        robot.Connect();
        robot.Activate();
        using var streamer = new TargetStreamer(robot, (t, target) =>
        {
            target[0] = 0.5 * Math.Sin(2 * Math.PI * 0.5 * t);
            target[1] = 0.3 * Math.Sin(2 * Math.PI * 0.3 * t);
            target[2] = -0.4 * Math.Sin(2 * Math.PI * 0.4 * t);
        });
        Eventually.True(() => robot.GetLoopStatistics().Cycles >= 250, "the loop to warm up");

        // The reset takes effect at the start of the next cycle: two robot cycles later it has.
        robot.ResetLoopStatistics();
        long resetAt = robot.GetDiagnostics().Cycles;
        Eventually.True(() => robot.GetDiagnostics().Cycles >= resetAt + 2, "the statistics to reset");
        Eventually.True(() => robot.GetLoopStatistics().Cycles >= 300, "300 measured cycles");

        ControlLoopStatistics statistics = robot.GetLoopStatistics();
        Assert.True(statistics.AllocatedBytes == 0, $"the control thread allocated {statistics.AllocatedBytes} bytes in {statistics.Cycles} cycles");
        Assert.Null(streamer.Refusal);
        Assert.True(streamer.Sent > 10, $"only {streamer.Sent} targets were streamed");
        Assert.Equal(RobotState.Active, robot.State);
        var sent = new double[5];
        robot.Arm.ReadSentPositions(sent);
        Assert.NotEqual(new double[5], sent); // the arm follows the stream
    }

    [Fact]
    public void RunCycle_AllocatesNothing_InSteadyStateAndOnEverySafetyPath()
    {
        using var robot = SteppedRobot.Create(options =>
            options.Safety.Workspace = new WorkspaceBoxOptions { Min = [-0.4, -0.4, 0.2], Max = [0.4, 0.4, 0.5] });

        // The first pass warms up (JIT, statics). Then three passes: an allocation in the cycle shows in
        // every one of them, while a one-off of the runtime (tiered recompilation under a loaded machine
        // once cost 1248 bytes in CI) shows in one at most. At least one must allocate nothing.
        Exercise(robot);
        long[] allocated = [Exercise(robot), Exercise(robot), Exercise(robot)];

        Assert.True(allocated.Min() == 0, $"bytes allocated per pass: {string.Join(", ", allocated)}");
    }

    /// <summary>
    /// Streaming, limits, the workspace box, the watchdog and the e-stop, one after another;
    /// returns the bytes the control cycles allocated (commands from the "application" excluded).
    /// </summary>
    private static long Exercise(SteppedRobot robot)
    {
        if (robot.Robot.IsEmergencyStopped)
        {
            robot.Robot.ResetEmergencyStop();
        }

        long allocated = 0;
        robot.Robot.Arm.SetTargetPositions([0.5, 0.6, 0, 0, 0]); // leaves the box: refused at its floor
        allocated += MeasureCycles(robot, 200); // and the watchdog trips after 50 cycles
        Assert.True(robot.Robot.GetDiagnostics() is { WorkspaceRejections: > 0, WatchdogTrips: > 0 });
        robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]);
        allocated += MeasureCycles(robot, 200);
        robot.Robot.EmergencyStop();
        allocated += MeasureCycles(robot, 10);
        Assert.Equal(SafetyInterventions.EmergencyStop, robot.Interventions);
        return allocated;
    }

    private static long MeasureCycles(SteppedRobot robot, int cycles)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        robot.Step(cycles);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
