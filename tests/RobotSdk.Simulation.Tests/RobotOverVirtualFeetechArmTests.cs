using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The closed loop of issue 5: a <see cref="Robot"/> over the real <see cref="FeetechArmDriver"/>
/// over a <c>LinuxSerialPort</c> on the pty of a <see cref="FeetechArmEmulator"/> whose servos move
/// the simulated SO-101 (or SO-100) of a <see cref="VirtualWorld"/> running in real time.
/// </summary>
public sealed class RobotOverVirtualFeetechArmTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("so100")]
    public async Task ARobot_MovesTheSimulatedArmToAGoal_AndTheSimulatedJointsAndToolAgree(string model)
    {
        FeetechArm arm = FeetechArms.Find(model);
        (VirtualWorld world, Robot robot) = StartVirtualArm(arm);
        robot.Connect();
        robot.Activate();
        double[] goal = VirtualWorldTests.Goal[..5];
        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.02);
        robot.Gripper!.SetOpenFraction(0.5);
        double gripperGoal = arm.Gripper!.ClosedPositionRadians + (0.5 * (arm.Gripper.OpenPositionRadians - arm.Gripper.ClosedPositionRadians));
        Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(5) - gripperGoal) < 0.02, "the simulated gripper to reach half open");
        Poll.Until(() => Enumerable.Range(0, 6).All(joint => Math.Abs(world.Joints.GetPresentVelocity(joint)) < 0.01), "the simulated arm and gripper to settle"); // the robot reads a cycle late: compare only at rest

        // Tracking bound: 0.02 rad (1.1 degrees) per joint. Gravity sags the loaded joints by the
        // holding torque over Kp (about 0.005 rad), the bus quantises to 1.5 mrad.
        double[] simulated = new double[5];
        for (int joint = 0; joint < 5; joint++)
        {
            simulated[joint] = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{arm.Motors[joint].Name}: goal {goal[joint]:F4}, simulated {simulated[joint]:F4}");
            Assert.Equal(goal[joint], simulated[joint], 0.02);
        }

        var measured = new JointFrame(6);
        robot.ReadState(measured);
        for (int joint = 0; joint < 6; joint++)
        {
            Assert.Equal(world.Joints.GetPresentPosition(joint), measured.Positions[joint], 0.01);
        }

        // The simulated tool is where the driver's kinematics put the goal, within 10 mm.
        var chain = new SerialChain(arm.Description);
        Pose tool = world.Access(simulation => simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool"));
        double error = (tool.Position - chain.ForwardKinematics(goal).Position).Length;
        VirtualWorldStatistics statistics = world.GetStatistics();
        output.WriteLine($"tool {error * 1000:F2} mm from the goal's forward kinematics; {statistics}");
        Assert.True(error < 0.010, $"the simulated tool is {error * 1000:F1} mm from the goal's forward kinematics");
        Assert.Null(world.Fault);
        Assert.Equal(RobotState.Active, robot.State);
    }

    [Fact]
    public void AStreamedTarget_ReachesTheSimulatedJoint_WithinAFewControlCycles()
    {
        (VirtualWorld world, Robot robot) = StartVirtualArm(FeetechArms.So101Follower);
        robot.Connect();
        robot.Activate();
        Poll.Until(() => Math.Abs(world.Joints.GetPresentVelocity(0)) < 0.01, "the pan joint to hold still");
        var latencies = new List<double>();
        double[] target = new double[5];
        for (int trial = 0; trial < 5; trial++)
        {
            robot.Arm.ReadSentPositions(target);
            double start = world.Joints.GetPresentPosition(0);
            target[0] += trial % 2 == 0 ? 0.05 : -0.05;
            long sent = System.Diagnostics.Stopwatch.GetTimestamp();
            robot.Arm.SetTargetPositions(target);
            Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(0) - start) > 1e-3, "the simulated pan joint to move 1 mrad");
            latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(0) - target[0]) < 0.005 && Math.Abs(world.Joints.GetPresentVelocity(0)) < 0.01, "the pan joint to settle");
        }

        latencies.Sort();
        output.WriteLine($"robot target to 1 mrad of simulated motion: median {latencies[latencies.Count / 2]:F1} ms, worst {latencies[^1]:F1} ms (100 Hz control loop); {world.GetStatistics()}");
        Assert.True(latencies[latencies.Count / 2] < 200, "the median latency is under 200 ms");
    }

    /// <summary>The arm's world running in real time from its rest pose (limp, folded, gripper on the table), its emulated bus, and a Robot over the real driver (not connected).</summary>
    private (VirtualWorld World, Robot Robot) StartVirtualArm(FeetechArm arm)
    {
        VirtualWorld world = Own(VirtualWorld.Create(SimulatedArms.Get(arm.Model), new VirtualWorldOptions { Seed = 1 }));
        world.Start();
        FeetechArmEmulator emulator = Own(new FeetechArmEmulator(arm, world.Joints, new FeetechArmEmulatorOptions
        {
            LinkPath = Path.Combine(Path.GetTempPath(), $"ttyVIRTUAL{arm.Model.ToUpperInvariant()}-{Guid.NewGuid():N}"),
        }));
        emulator.Start();
        var driver = new FeetechArmDriver(emulator.PortPath, arm, new FeetechArmDriverOptions { Bus = new FeetechBusOptions { ReplyTimeoutMs = 250, Retries = 2 } });
        return (world, Own(new Robot(driver, new RobotOptions { ControlRateHz = 100 })));
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
