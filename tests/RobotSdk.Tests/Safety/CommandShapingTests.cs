using RobotSdk.Hardware;
using RobotSdk.Safety;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Safety;

/// <summary>The safety layer's shaping of streamed targets, observed through the robot's control cycle.</summary>
public sealed class CommandShapingTests
{
    private const double Tolerance = 1e-12;
    private static readonly JointLimits[] Hardware = [.. DemoArm.Description.Joints.Select(j => j.Limits)];

    [Fact]
    public void Stream_ApproachesAFarTarget_WithinTheVelocityAndAccelerationLimitsEveryCycle()
    {
        using var robot = SteppedRobot.Create();
        double[] target = [1.5, -1.5, 1.2, -1.2, 2.5];
        double dt = robot.PeriodSeconds;
        double[] previous = robot.SentArm();
        var previousStep = new double[5];

        for (int cycle = 0; cycle < 300; cycle++)
        {
            robot.Robot.Arm.SetTargetPositions(target);
            robot.Step();
            double[] sent = robot.SentArm();
            for (int joint = 0; joint < 5; joint++)
            {
                double step = sent[joint] - previous[joint];
                Assert.True(Math.Abs(step) <= (Hardware[joint].MaxVelocity * dt) + Tolerance, $"cycle {cycle}, joint {joint}: step {step} beyond v*dt");
                double change = step - previousStep[joint];
                Assert.True(Math.Abs(change) <= (Hardware[joint].MaxAcceleration * dt * dt) + Tolerance, $"cycle {cycle}, joint {joint}: velocity change {change / dt} rad/s beyond a*dt");
                previousStep[joint] = step;
            }

            previous = sent;
        }

        // And it got there.
        AssertClose(target, robot.SentArm(), 1e-9);
    }

    [Fact]
    public void Stream_ReachesFullSpeed_ThenCruisesAtTheVelocityLimit()
    {
        using var robot = SteppedRobot.Create();
        double dt = robot.PeriodSeconds;

        StreamFor(robot, [1.5, 0, 0, 0, 0], cycles: 40); // 0.2 s: longer than 3 rad/s / 20 rad/s^2
        double before = robot.SentArm()[0];
        StreamFor(robot, [1.5, 0, 0, 0, 0], cycles: 1);

        Assert.Equal(Hardware[0].MaxVelocity * dt, robot.SentArm()[0] - before, 12);
        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.VelocityLimit), $"flags {robot.Interventions}");
    }

    [Fact]
    public void MaxStepRadians_CapsEveryStep()
    {
        using var robot = SteppedRobot.Create(options => options.Safety.MaxStepRadians = 0.004);
        double[] previous = robot.SentArm();
        var flags = SafetyInterventions.None;

        for (int cycle = 0; cycle < 100; cycle++)
        {
            StreamFor(robot, [1.0, -1.0, 0, 0, 0], cycles: 1);
            flags |= robot.Interventions;
            double[] sent = robot.SentArm();
            for (int joint = 0; joint < 5; joint++)
            {
                Assert.True(Math.Abs(sent[joint] - previous[joint]) <= 0.004 + Tolerance, $"cycle {cycle}, joint {joint}: step {sent[joint] - previous[joint]}");
            }

            previous = sent;
        }

        Assert.True(flags.HasFlag(SafetyInterventions.MaxStep), $"flags {flags}");
        double before = robot.SentArm()[0];
        StreamFor(robot, [1.0, -1.0, 0, 0, 0], cycles: 1);
        Assert.Equal(0.004, robot.SentArm()[0] - before, 12); // cruising at the cap, below v*dt = 0.015
    }

    [Fact]
    public void TargetBeyondThePositionLimits_IsClampedAndFlagged_AndTheCommandNeverLeavesTheLimits()
    {
        using var robot = SteppedRobot.Create();
        double[] target = [5, -5, 5, -5, 5];

        for (int cycle = 0; cycle < 400; cycle++)
        {
            StreamFor(robot, target, cycles: 1);
            Assert.True(robot.Interventions.HasFlag(SafetyInterventions.PositionLimit), $"cycle {cycle}: flags {robot.Interventions}");
            double[] sent = robot.SentArm();
            for (int joint = 0; joint < 5; joint++)
            {
                Assert.True(Hardware[joint].Contains(sent[joint]), $"cycle {cycle}, joint {joint}: command {sent[joint]} outside [{Hardware[joint].MinPosition}, {Hardware[joint].MaxPosition}]");
            }
        }

        AssertClose([1.92, -1.75, 1.69, -1.66, 2.8], robot.SentArm(), 1e-9);
        Assert.Equal(0, robot.Driver.CommandsClamped);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(1.9)]
    public void Stream_StopsAtTheTarget_WithoutOvershootBeyondATenthOfAMilliradian(double distance)
    {
        using var robot = SteppedRobot.Create();
        double worstOvershoot = 0;

        for (int cycle = 0; cycle < 400; cycle++)
        {
            StreamFor(robot, [distance, -distance * 0.8, 0, 0, 0], cycles: 1);
            double[] sent = robot.SentArm();
            worstOvershoot = Math.Max(worstOvershoot, Math.Max(sent[0] - distance, -(distance * 0.8) - sent[1]));
        }

        Assert.True(worstOvershoot <= 1e-4, $"overshoot {worstOvershoot} rad");
        AssertClose([distance, -distance * 0.8, 0, 0, 0], robot.SentArm(), 1e-9);
        Assert.Equal(SafetyInterventions.None, robot.Interventions);
    }

    [Fact]
    public void ProfileJointLimits_NarrowTheRangeAndTheSpeed()
    {
        using var robot = SteppedRobot.Create(options =>
            options.Safety.JointLimits["shoulder_pan"] = new JointLimitOverride { Min = -0.2, Max = 0.5, MaxVelocity = 1.0, MaxAcceleration = 5 });
        double dt = robot.PeriodSeconds;
        double previous = 0;
        double previousStep = 0;

        for (int cycle = 0; cycle < 300; cycle++)
        {
            StreamFor(robot, [1.5, 0, 0, 0, 0], cycles: 1);
            double sent = robot.SentArm()[0];
            Assert.True(sent <= 0.5 + Tolerance, $"cycle {cycle}: {sent} beyond the profile's 0.5");
            Assert.True(Math.Abs(sent - previous) <= (1.0 * dt) + Tolerance, $"cycle {cycle}: step {sent - previous} beyond the profile's 1 rad/s");
            Assert.True(Math.Abs(sent - previous - previousStep) <= (5 * dt * dt) + Tolerance, $"cycle {cycle}: beyond the profile's 5 rad/s^2");
            previousStep = sent - previous;
            previous = sent;
        }

        Assert.Equal(0.5, robot.SentArm()[0], 9);
        Assert.Equal(0.5, robot.Robot.JointLimits[0].MaxPosition);
        Assert.Equal(Hardware[1], robot.Robot.JointLimits[1]);
    }

    [Fact]
    public void ArmOutsideANarrowedRange_StaysPut_UntilCommanded()
    {
        // The profile allows shoulder_pan up to 0.5, but the arm was left at 0.8.
        using var robot = SteppedRobot.Create(
            options => options.Safety.JointLimits["shoulder_pan"] = new JointLimitOverride { Max = 0.5 },
            initialPositions: [0.8, 0, 0, 0, 0, 0]);

        robot.Step(20);

        Assert.Equal(0.8, robot.SentArm()[0]);
        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.PositionLimit), $"flags {robot.Interventions}");
    }

    [Fact]
    public void ArmOutsideANarrowedRange_IsBroughtBackWithinTheLimits_WithoutAJump()
    {
        using var robot = SteppedRobot.Create(
            options => options.Safety.JointLimits["shoulder_pan"] = new JointLimitOverride { Max = 0.5 },
            initialPositions: [0.8, 0, 0, 0, 0, 0]);
        double previous = 0.8;
        double previousStep = 0;

        for (int cycle = 0; cycle < 200; cycle++)
        {
            StreamFor(robot, [1.0, 0, 0, 0, 0], cycles: 1);
            double sent = robot.SentArm()[0];
            Assert.True(Math.Abs(sent - previous - previousStep) <= (Hardware[0].MaxAcceleration * robot.PeriodSeconds * robot.PeriodSeconds) + Tolerance, $"cycle {cycle}: jump from {previous} to {sent}");
            Assert.True(sent <= previous + Tolerance, $"cycle {cycle}: moved away from the range, {previous} to {sent}");
            previousStep = sent - previous;
            previous = sent;
        }

        Assert.Equal(0.5, robot.SentArm()[0], 9);
    }

    [Fact]
    public void VelocityScale_SlowsStreamedMotion()
    {
        using var robot = SteppedRobot.Create(options => options.Safety.VelocityScale = 0.25);

        StreamFor(robot, [1.5, 0, 0, 0, 0], cycles: 100);
        double before = robot.SentArm()[0];
        StreamFor(robot, [1.5, 0, 0, 0, 0], cycles: 1);

        Assert.Equal(0.25 * Hardware[0].MaxVelocity * robot.PeriodSeconds, robot.SentArm()[0] - before, 12);
    }

    [Fact]
    public void LastInterventions_ReportWhatTheSafetyLayerChanged()
    {
        using var robot = SteppedRobot.Create();

        robot.Step();
        Assert.Equal(SafetyInterventions.None, robot.Interventions);

        StreamFor(robot, [1.0, 0, 0, 0, 0], cycles: 1);
        Assert.Equal(SafetyInterventions.AccelerationLimit, robot.Interventions & ~SafetyInterventions.VelocityLimit);

        StreamFor(robot, [1.0, 0, 0, 0, 0], cycles: 60);
        Assert.Equal(SafetyInterventions.VelocityLimit, robot.Interventions);

        StreamFor(robot, [3.0, 0, 0, 0, 0], cycles: 1);
        Assert.True(robot.Interventions.HasFlag(SafetyInterventions.PositionLimit), $"flags {robot.Interventions}");

        StreamFor(robot, [0.5, 0, 0, 0, 0], cycles: 300);
        Assert.Equal(SafetyInterventions.None, robot.Interventions);
        Assert.True(robot.Robot.GetDiagnostics().LimitedCycles > 0);
    }

    private static void StreamFor(SteppedRobot robot, double[] target, int cycles)
    {
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            robot.Robot.Arm.SetTargetPositions(target);
            robot.Step();
        }
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"joint {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
