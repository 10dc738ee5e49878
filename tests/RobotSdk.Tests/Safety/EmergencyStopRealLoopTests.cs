using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Safety;

/// <summary>The e-stop against the real control thread, called from another thread.</summary>
[Collection(RealTimeTests.Name)]
public sealed class EmergencyStopRealLoopTests
{
    private static readonly double[] FarTarget = [1.5, -1.0, 1.0, 0.5, 2.0];

    [Fact]
    public async Task EmergencyStop_FromAnotherThread_FreezesTheSentPositionsWithinTwoCycles()
    {
        // A tenth of the speed limit: still far from the target whenever the e-stop lands.
        var options = new RobotOptions { ControlRateHz = 200 };
        options.Safety.VelocityScale = 0.1;
        using var robot = new Robot(new MirrorDriver(DemoArm.Description), options);
        robot.Connect();
        robot.Activate();
        using var streamer = new TargetStreamer(robot, (_, target) => FarTarget.CopyTo(target, 0));
        await Eventually.TrueAsync(() => SentArm(robot)[0] > 0.05, "the arm to start moving");

        StopFromAnotherThread(robot);
        long stoppedAt = robot.GetDiagnostics().Cycles;

        // The cycle running while EmergencyStop() returned may finish its step; the next one holds.
        await Eventually.TrueAsync(() => robot.GetDiagnostics().Cycles >= stoppedAt + 2, "two more cycles");
        double[] frozen = SentArm(robot);
        await Eventually.TrueAsync(() => robot.GetDiagnostics().Cycles >= stoppedAt + 20, "twenty more cycles");
        Assert.Equal(frozen, SentArm(robot));
        Assert.Equal(SafetyInterventions.EmergencyStop, robot.LastInterventions);
        Assert.True(frozen[0] < FarTarget[0], "stopped short of the target");

        // The streaming thread's next target is refused.
        await Eventually.TrueAsync(() => streamer.HasStopped, "the streamer's next target");
        Assert.IsType<RobotHaltedException>(streamer.Refusal);
    }

    [Fact]
    public async Task EmergencyStop_FromAnotherThread_FailsAPendingMove()
    {
        using var robot = new Robot(new MirrorDriver(DemoArm.Description), new RobotOptions { ControlRateHz = 200 });
        robot.Connect();
        robot.Activate();
        Task move = robot.Arm.MoveToAsync([1.5, 0, 0, 0, 0], speedFraction: 0.05); // about 10 s
        await Eventually.TrueAsync(() => SentArm(robot)[0] > 0.01, "the arm to start moving");

        StopFromAnotherThread(robot);

        await Assert.ThrowsAsync<RobotHaltedException>(() => move.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Throws<RobotHaltedException>(() => robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]));
    }

    [Fact]
    public void EmergencyStop_WithTorqueOff_DeactivatesTheDriver_OnTheControlThread()
    {
        var driver = new MirrorDriver(DemoArm.Description);
        var options = new RobotOptions { ControlRateHz = 200 };
        options.Safety.EmergencyStopAction = EmergencyStopAction.TorqueOff;
        using var robot = new Robot(driver, options);
        robot.Connect();
        robot.Activate();

        robot.EmergencyStop();

        Eventually.True(() => robot.State == RobotState.Inactive, "the robot to turn torque off");
        Assert.Equal(DriverState.Inactive, driver.State);
    }

    /// <summary>Calls EmergencyStop() on a thread of its own and returns when it has returned.</summary>
    private static void StopFromAnotherThread(Robot robot)
    {
        var thread = new Thread(robot.EmergencyStop) { Name = "test e-stop button" };
        thread.Start();
        thread.Join();
    }

    private static double[] SentArm(Robot robot)
    {
        var positions = new double[5];
        robot.Arm.ReadSentPositions(positions);
        return positions;
    }
}
