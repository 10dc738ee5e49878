using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Safety;

public sealed class EmergencyStopTests
{
    private static readonly double[] FarTarget = [1.5, -1.0, 1.0, 0.5, 2.0];

    [Fact]
    public void EmergencyStop_HoldsThePreviousCommand_OnTheVeryNextCycle()
    {
        using var robot = MovingRobot();
        double[] before = robot.Sent();

        robot.Robot.EmergencyStop();
        robot.Step();

        Assert.Equal(before, robot.Sent());
        Assert.Equal(SafetyInterventions.EmergencyStop, robot.Interventions);
        Assert.True(robot.Robot.IsEmergencyStopped);
        Assert.Equal(RobotState.Active, robot.Robot.State);
    }

    [Fact]
    public void EmergencyStop_KeepsHolding_OnLaterCycles()
    {
        using var robot = MovingRobot();
        robot.Robot.EmergencyStop();
        robot.Step();
        double[] held = robot.Sent();

        robot.Step(50);

        Assert.Equal(held, robot.Sent());
        Assert.Equal(held, robot.Measured());
        Assert.Equal(DriverState.Active, robot.Driver.State);
    }

    [Fact]
    public async Task EmergencyStop_FailsAPendingMove_WithRobotHaltedException()
    {
        using var robot = SteppedRobot.Create();
        Task move = robot.Robot.Arm.MoveToAsync([1.0, 0, 0, 0, 0]);
        robot.Step(10);

        robot.Robot.EmergencyStop();

        var exception = await Assert.ThrowsAsync<RobotHaltedException>(() => move);
        Assert.Contains("emergency stop", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmergencyStop_RefusesNewTargets_UntilReset()
    {
        using var robot = MovingRobot();

        robot.Robot.EmergencyStop();

        var exception = Assert.Throws<RobotHaltedException>(() => robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]));
        Assert.Contains("ResetEmergencyStop", exception.Message, StringComparison.Ordinal);
        Assert.Throws<RobotHaltedException>(() => robot.Robot.Gripper!.SetOpenFraction(1));
    }

    [Fact]
    public async Task EmergencyStop_RefusesNewMoves_UntilReset()
    {
        using var robot = SteppedRobot.Create();

        robot.Robot.EmergencyStop();

        await Assert.ThrowsAsync<RobotHaltedException>(() => robot.Robot.Arm.MoveToAsync([0.1, 0, 0, 0, 0]));
    }

    [Fact]
    public void EmergencyStop_WithTorqueOff_DeactivatesTheDriver()
    {
        using var robot = MovingRobot(options => options.Safety.EmergencyStopAction = EmergencyStopAction.TorqueOff);

        robot.Robot.EmergencyStop();
        robot.Step();

        Assert.Equal(DriverState.Inactive, robot.Driver.State);
        Assert.Equal(RobotState.Inactive, robot.Robot.State);
        Assert.Equal(SafetyInterventions.EmergencyStop, robot.Interventions);
    }

    [Fact]
    public void ResetEmergencyStop_LetsCommandsThroughAgain()
    {
        using var robot = MovingRobot();
        robot.Robot.EmergencyStop();
        robot.Step();
        double[] held = robot.SentArm();

        robot.Robot.ResetEmergencyStop();
        robot.Step(5);
        Assert.Equal(held, robot.SentArm()); // holds where it is; the old target is forgotten

        robot.Robot.Arm.SetTargetPositions([0, 0, 0, 0, 0]);
        robot.Step(5);

        Assert.False(robot.Robot.IsEmergencyStopped);
        Assert.NotEqual(held, robot.SentArm());
        Assert.Equal(SafetyInterventions.None, robot.Interventions & SafetyInterventions.EmergencyStop);
    }

    [Fact]
    public void ResetEmergencyStop_AfterTorqueOff_AllowsActivatingAgain()
    {
        using var robot = MovingRobot(options => options.Safety.EmergencyStopAction = EmergencyStopAction.TorqueOff);
        robot.Robot.EmergencyStop();
        robot.Step();

        robot.Robot.ResetEmergencyStop();
        robot.Robot.Activate();
        robot.Step();

        Assert.Equal(RobotState.Active, robot.Robot.State);
        Assert.Equal(DriverState.Active, robot.Driver.State);
        Assert.Equal(robot.Measured(), robot.Sent());
    }

    [Fact]
    public void EmergencyStop_CalledTwice_IsHarmless()
    {
        using var robot = MovingRobot();

        robot.Robot.EmergencyStop();
        robot.Robot.EmergencyStop();
        robot.Step();

        Assert.True(robot.Robot.IsEmergencyStopped);
        Assert.Equal(SafetyInterventions.EmergencyStop, robot.Interventions);
    }

    /// <summary>A robot streaming toward a far target, moving at speed.</summary>
    private static SteppedRobot MovingRobot(Action<RobotOptions>? configure = null)
    {
        var robot = SteppedRobot.Create(configure);
        for (int cycle = 0; cycle < 30; cycle++)
        {
            robot.Robot.Arm.SetTargetPositions(FarTarget);
            robot.Step();
        }

        return robot;
    }
}
