using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The closed loop over the virtual Dynamixel arms: a <see cref="Robot"/> over the real
/// <see cref="DynamixelArmDriver"/> over a <c>LinuxSerialPort</c> on the pty of a
/// <see cref="DynamixelArmEmulator"/> (shadow servos included) whose servos move the simulated arm
/// of a <see cref="VirtualWorld"/> running in real time.
/// </summary>
public sealed class RobotOverVirtualDynamixelArmTests(ITestOutputHelper output) : IDisposable
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
    [InlineData("wx250s")]
    [InlineData("vx300s")]
    [InlineData("koch")]
    public async Task ARobot_MovesTheSimulatedArmToAGoal_AndTheSimulatedJointsAndToolAgree(string model)
    {
        VirtualDynamixelArm virtualArm = DynamixelArmModelTests.Arms[model];
        DynamixelArm arm = virtualArm.Arm;
        int gripper = arm.IndexOf(arm.Gripper!.JointName);
        int joints = arm.Joints.Count;
        (VirtualWorld world, Robot robot) = StartVirtualArm(arm, virtualArm.Create);
        robot.Connect();
        robot.Activate();
        double[] goal = virtualArm.Goal[..gripper];
        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.02);
        robot.Gripper!.SetOpenFraction(0.5);
        double gripperGoal = arm.Gripper.ClosedPosition + (0.5 * (arm.Gripper.OpenPosition - arm.Gripper.ClosedPosition));
        Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(gripper) - gripperGoal) < 0.02, "the simulated gripper to reach half open");
        Poll.Until(() => Enumerable.Range(0, joints).All(joint => Math.Abs(world.Joints.GetPresentVelocity(joint)) < 0.01), "the simulated arm and gripper to settle"); // the robot reads a cycle late: compare only at rest

        // Tracking bound: 0.02 rad (1.1 degrees) per joint. Gravity sags the loaded joints by the
        // holding torque over Kp (under 0.005 rad), the bus quantises to 1.5 mrad.
        for (int joint = 0; joint < gripper; joint++)
        {
            double simulated = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{arm.Joints[joint].Name}: goal {goal[joint]:F4}, simulated {simulated:F4}");
            Assert.Equal(goal[joint], simulated, 0.02);
        }

        var measured = new JointFrame(joints);
        robot.ReadState(measured);
        for (int joint = 0; joint < joints; joint++)
        {
            Assert.Equal(world.Joints.GetPresentPosition(joint), measured.Positions[joint], 0.01);
        }

        // The simulated tool is where the driver's kinematics put the goal, within 10 mm.
        var chain = new SerialChain(arm.Description);
        Pose tool = world.Access(simulation => simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool"));
        double error = (tool.Position - chain.ForwardKinematics(goal).Position).Length;
        output.WriteLine($"tool {error * 1000:F2} mm from the goal's forward kinematics; {world.GetStatistics()}");
        Assert.True(error < 0.010, $"the simulated tool is {error * 1000:F1} mm from the goal's forward kinematics");
        Assert.Null(world.Fault);
        Assert.Equal(RobotState.Active, robot.State);
    }

    /// <summary>The world running in real time from its rest pose (limp), its emulated bus, and a Robot over the real driver (not connected).</summary>
    private (VirtualWorld World, Robot Robot) StartVirtualArm(DynamixelArm arm, Func<VirtualWorldOptions?, VirtualWorld> createWorld)
    {
        VirtualWorld world = Own(createWorld(new VirtualWorldOptions { Seed = 1 }));
        world.Start();
        DynamixelArmEmulator emulator = Own(new DynamixelArmEmulator(arm, world.Joints, new DynamixelArmEmulatorOptions
        {
            LinkPath = Path.Combine(Path.GetTempPath(), $"ttyVIRTUAL{arm.Model.ToUpperInvariant()}-{Guid.NewGuid():N}"),
        }));
        emulator.Start();
        var driver = new DynamixelArmDriver(emulator.PortPath, arm, new DynamixelArmDriverOptions { Bus = new DynamixelBusOptions { ReplyTimeoutMs = 250 } });
        return (world, Own(new Robot(driver, new RobotOptions { ControlRateHz = 100 })));
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
