using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The closed loop over the virtual ViperX 300s: a <see cref="Robot"/> over the real
/// <see cref="DynamixelArmDriver"/> over a <c>LinuxSerialPort</c> on the pty of a
/// <see cref="DynamixelArmEmulator"/> (nine servos, shadows included) whose servos move the
/// simulated arm of a <see cref="VirtualWorld"/> running in real time.
/// </summary>
public sealed class RobotOverVirtualViperX300sTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    [Fact]
    public async Task ARobot_MovesTheSimulatedViperXToAGoal_AndTheSimulatedJointsAndToolAgree()
    {
        DynamixelArm vx300s = DynamixelArms.ViperX300s;
        (VirtualWorld world, Robot robot) = StartVirtualArm();
        robot.Connect();
        robot.Activate();
        double[] goal = ViperX300sModelTests.Goal[..6];
        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.02);
        robot.Gripper!.SetOpenFraction(0.5);
        double gripperGoal = vx300s.Gripper!.ClosedPosition + (0.5 * (vx300s.Gripper.OpenPosition - vx300s.Gripper.ClosedPosition));
        Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(6) - gripperGoal) < 0.02, "the simulated gripper to reach half open");
        Poll.Until(() => Enumerable.Range(0, 7).All(joint => Math.Abs(world.Joints.GetPresentVelocity(joint)) < 0.01), "the simulated arm and gripper to settle"); // the robot reads a cycle late: compare only at rest

        // Tracking bound: 0.02 rad (1.1 degrees) per joint. Gravity sags the loaded joints by the
        // holding torque over Kp (under 0.005 rad), the bus quantises to 1.5 mrad.
        for (int joint = 0; joint < 6; joint++)
        {
            double simulated = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{vx300s.Joints[joint].Name}: goal {goal[joint]:F4}, simulated {simulated:F4}");
            Assert.Equal(goal[joint], simulated, 0.02);
        }

        var measured = new JointFrame(7);
        robot.ReadState(measured);
        for (int joint = 0; joint < 7; joint++)
        {
            Assert.Equal(world.Joints.GetPresentPosition(joint), measured.Positions[joint], 0.01);
        }

        // The simulated tool is where the driver's kinematics put the goal, within 10 mm.
        var chain = new SerialChain(vx300s.Description);
        Pose tool = world.Access(simulation => simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool"));
        double error = (tool.Position - chain.ForwardKinematics(goal).Position).Length;
        output.WriteLine($"tool {error * 1000:F2} mm from the goal's forward kinematics; {world.GetStatistics()}");
        Assert.True(error < 0.010, $"the simulated tool is {error * 1000:F1} mm from the goal's forward kinematics");
        Assert.Null(world.Fault);
        Assert.Equal(RobotState.Active, robot.State);
    }

    /// <summary>The ViperX world running in real time from its rest pose (limp, folded, fingers on the table), its emulated bus, and a Robot over the real driver (not connected).</summary>
    private (VirtualWorld World, Robot Robot) StartVirtualArm()
    {
        DynamixelArm vx300s = DynamixelArms.ViperX300s;
        VirtualWorld world = Own(DynamixelSimulationModels.CreateViperX300s(new VirtualWorldOptions { Seed = 1 }));
        world.Start();
        DynamixelArmEmulator emulator = Own(new DynamixelArmEmulator(vx300s, world.Joints, new DynamixelArmEmulatorOptions
        {
            LinkPath = Path.Combine(Path.GetTempPath(), $"ttyVIRTUALVX300S-{Guid.NewGuid():N}"),
        }));
        emulator.Start();
        var driver = new DynamixelArmDriver(emulator.PortPath, vx300s, new DynamixelArmDriverOptions { Bus = new DynamixelBusOptions { ReplyTimeoutMs = 250 } });
        return (world, Own(new Robot(driver, new RobotOptions { ControlRateHz = 100 })));
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
