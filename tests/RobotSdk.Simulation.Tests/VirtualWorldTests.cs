using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>The SO-101 world's simulated servos, stepped by hand (deterministic) and in real time.</summary>
public sealed class VirtualWorldTests(ITestOutputHelper output)
{
    /// <summary>A reachable pose with the arm up and the gripper half open, clear of the table.</summary>
    internal static readonly double[] Goal = [0.4, -0.6, 0.8, -0.3, 0.5, 0.8];

    [Fact]
    public void ServosTrackAGoal_InManualSteps_Within0Point01RadianAfter2Seconds_AndHoldIt()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101();
        MujocoJointBackend joints = world.Joints;
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
            joints.SetGoalPosition(joint, Goal[joint]);
        }

        world.StepFor(2.0);

        Assert.Equal(2.0, world.TimeSeconds, 9);
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            double error = joints.GetPresentPosition(joint) - Goal[joint];
            output.WriteLine($"{joints.JointNames[joint]}: error {error:F5} rad, velocity {joints.GetPresentVelocity(joint):F5} rad/s, torque {joints.GetMotorTorque(joint):F3} N m, current {joints.GetPresentCurrent(joint):F3} A");
            Assert.True(Math.Abs(error) < 0.01, $"{joints.JointNames[joint]} is {error:F4} rad from its goal");
            Assert.True(Math.Abs(joints.GetPresentVelocity(joint)) < 0.01);
        }
    }

    [Fact]
    public void AStepResponse_RunsNoFasterThanTheServosNoLoadSpeed_AndSettlesWithLittleOvershoot()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { InitialPositions = [-1.0, 0, 0, 0, 0, 0] });
        MujocoJointBackend joints = world.Joints;
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
        }

        joints.SetGoalPosition(0, 1.0); // the pan joint, 2 rad away: gravity does not act on it
        double fastest = 0, furthest = -1, settled = double.NaN;
        for (int step = 0; step < 1000; step++)
        {
            world.Step();
            double position = joints.GetPresentPosition(0);
            fastest = Math.Max(fastest, joints.GetPresentVelocity(0));
            furthest = Math.Max(furthest, position);
            if (double.IsNaN(settled) && Math.Abs(position - 1.0) < 0.01)
            {
                settled = world.TimeSeconds;
            }
        }

        output.WriteLine($"pan: 2 rad step, top speed {fastest:F3} rad/s, overshoot {furthest - 1.0:F4} rad, within 0.01 rad after {settled:F3} s");
        Assert.InRange(fastest, 0.8 * ServoMotorModel.Sts3215.NoLoadSpeedRadiansPerSecond, ServoMotorModel.Sts3215.NoLoadSpeedRadiansPerSecond);
        Assert.InRange(furthest - 1.0, 0, 0.05);
        Assert.InRange(settled, 0.4, 1.0);
    }

    [Fact]
    public void TorqueOff_LetsGravityTakeTheArm_WhileThePanJointStaysPut()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { InitialPositions = Goal });
        MujocoJointBackend joints = world.Joints;
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
        }

        world.StepFor(0.5);
        double held = joints.GetPresentPosition(1);
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, false);
        }

        world.StepFor(1.0);

        output.WriteLine($"shoulder_lift held at {held:F4}, limp after 1 s: {joints.GetPresentPosition(1):F4}; elbow {joints.GetPresentPosition(2):F4}; pan {joints.GetPresentPosition(0):F4}");
        Assert.Equal(Goal[1], held, 0.01);
        Assert.True(Math.Abs(joints.GetPresentPosition(1) - held) > 0.1, "a limp shoulder falls");
        Assert.Equal(0, joints.GetMotorTorque(1));
        Assert.Equal(0, joints.GetPresentCurrent(1));
        Assert.Equal(Goal[0], joints.GetPresentPosition(0), 0.05);
    }

    [Fact]
    public void ALimpSo101_StaysAtItsRestPose()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101();

        world.StepFor(1.0);

        for (int joint = 0; joint < world.Joints.JointCount; joint++)
        {
            Assert.False(world.Joints.IsTorqueEnabled(joint));
            Assert.Equal(SimulationModels.So101RestPose[joint], world.Joints.GetPresentPosition(joint), 0.02);
        }
    }

    [Fact]
    public void TheSameSeed_GivesBitIdenticalRuns_AndAnotherSeed_PlacesTheCubesElsewhere()
    {
        double[] first = Run(seed: 7);
        double[] again = Run(seed: 7);
        double[] other = Run(seed: 8);

        Assert.Equal(first.Select(BitConverter.DoubleToInt64Bits), again.Select(BitConverter.DoubleToInt64Bits));
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Reset_ReturnsToTheSeededStart_SoARunRepeats()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { Seed = 3 });
        double[] first = Script(world);
        world.Reset();
        double[] second = Script(world);

        Assert.Equal(0 + 1.0, world.TimeSeconds, 9);
        Assert.Equal(first, second);
    }

    [Fact]
    public void RunningInRealTime_SimulatedTimeTracksTheWallClock_AndServosMove()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101();
        world.Joints.SetTorqueEnabled(0, true);
        world.Start();
        Assert.Throws<InvalidOperationException>(() => world.Step());
        world.Joints.SetGoalPosition(0, 0.5);
        Poll.Until(() => world.TimeSeconds > 2.0, "two simulated seconds");
        world.Stop();

        VirtualWorldStatistics statistics = world.GetStatistics();
        output.WriteLine(statistics.ToString());
        output.WriteLine($"headroom {statistics.Headroom(world.Model.TimestepSeconds):F1}x");
        Assert.Null(world.Fault);
        Assert.InRange(statistics.RealTimeFactor, 0.5, 1.05); // a loaded two-core machine may drop some backlog
        Assert.Equal(0.5, world.Joints.GetPresentPosition(0), 0.01);
        world.Step(); // stopped: manual steps work again
    }

    [Fact]
    public void AGoalWrite_StartsTheJointMoving_WithinAFewSteps_InRealTime()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101();
        world.Joints.SetTorqueEnabled(0, true);
        world.Start();
        Poll.Until(() => world.TimeSeconds > 0.2, "the world to run");
        var latencies = new List<double>();
        for (int trial = 0; trial < 10; trial++)
        {
            double start = world.Joints.GetPresentPosition(0);
            long written = System.Diagnostics.Stopwatch.GetTimestamp();
            world.Joints.SetGoalPosition(0, trial % 2 == 0 ? 0.3 : -0.3);
            Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(0) - start) > 1e-4, "the pan joint to move");
            latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(written).TotalMilliseconds);
            Poll.Until(() => Math.Abs(world.Joints.GetPresentVelocity(0)) < 0.01 && world.Joints.GetPresentPosition(0) * (trial % 2 == 0 ? 1 : -1) > 0.29, "the pan joint to settle");
        }

        latencies.Sort();
        output.WriteLine($"goal write to 0.1 mrad of motion: median {latencies[latencies.Count / 2]:F2} ms, worst {latencies[^1]:F2} ms; {world.GetStatistics()}");
        Assert.True(latencies[latencies.Count / 2] < 50, "the median latency is under 50 ms");
    }

    [Fact]
    public void AWorld_RefusesJointsWithoutAServo_AndStartPosesOfTheWrongLength()
    {
        using MujocoModel model = SimulationModels.Load(SimulationModels.So101);

        Assert.Contains("wrist_pitch", Assert.Throws<ArgumentException>(() => new VirtualWorld(model, ["wrist_pitch"])).Message);
        Assert.Contains("free", Assert.Throws<ArgumentException>(() => new VirtualWorld(model, ["red_cube"])).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => new VirtualWorld(model, ["gripper"], new VirtualWorldOptions { InitialPositions = [0, 0] }));
        using var world = new VirtualWorld(model, ["gripper"], new VirtualWorldOptions { InitialPositions = [0.5] });
        Assert.Equal(1, world.Joints.JointCount);
        Assert.Equal(0.5, world.Joints.GetPresentPosition(0), 9);
        Assert.Equal(0.5, world.Joints.GetGoalPosition(0), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Joints.SetGoalPosition(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Joints.SetGoalPosition(0, double.NaN));
    }

    [Fact]
    public void TurningTorqueOn_HoldsTheJointWhereItIs()
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { InitialPositions = Goal });
        world.Joints.SetGoalPosition(2, -1.0); // written while off: forgotten when torque comes on

        world.Joints.SetTorqueEnabled(2, true);
        world.StepFor(0.2);

        Assert.Equal(Goal[2], world.Joints.GetGoalPosition(2), 0.01);
        Assert.Equal(Goal[2], world.Joints.GetPresentPosition(2), 0.05);
    }

    private static double[] Run(int seed)
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { Seed = seed });
        return Script(world);
    }

    /// <summary>One simulated second: the arm swings over the cubes; returns every position coordinate.</summary>
    private static double[] Script(VirtualWorld world)
    {
        MujocoJointBackend joints = world.Joints;
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
            joints.SetGoalPosition(joint, Goal[joint]);
        }

        world.StepFor(1.0);
        return world.Access(simulation =>
        {
            var positions = new double[simulation.Model.PositionCount];
            simulation.CopyPositionsTo(positions);
            return positions;
        });
    }
}
