using RobotSdk.Drivers.AgileX;
using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Drivers.UFactory;
using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The closed loop over the virtual controller arms: a <see cref="Robot"/> over the real
/// <see cref="PiperDriver"/> (SLCAN on the pty of a <see cref="PiperEmulator"/>'s emulated adapter)
/// or the real <see cref="Lite6Driver"/> (TCP to a <see cref="Lite6Emulator"/> on loopback), whose
/// emulator moves the simulated arm of a <see cref="VirtualWorld"/> running in real time.
/// </summary>
public sealed class RobotOverVirtualControllerArmTests(ITestOutputHelper output) : IDisposable
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
    [InlineData("piper")]
    [InlineData("lite6")]
    public async Task ARobot_MovesTheSimulatedArmToAGoal_AndTheGripperToAWidth_AndTheSimulatedJointsAndToolAgree(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        int gripper = virtualArm.GripperJoint;
        (VirtualWorld world, Robot robot) = StartVirtualArm(name);
        robot.Connect();
        robot.Activate();
        double[] goal = virtualArm.Goal[..gripper];
        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.01);
        double gripperGoal = virtualArm.Goal[gripper];
        if (name == ControllerArmSimulationModels.Piper)
        {
            robot.Gripper!.SetWidth(gripperGoal);
        }
        else
        {
            robot.Gripper!.SetOpenFraction(1); // the Lite 6 gripper only opens or closes
        }

        Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(gripper) - gripperGoal) < 0.0003, "the simulated gripper to reach its goal");
        Poll.Until(() => Enumerable.Range(0, gripper).All(joint => Math.Abs(world.Joints.GetPresentVelocity(joint)) < 0.001) && Math.Abs(world.Joints.GetPresentVelocity(gripper)) < 1e-4, "the simulated arm and gripper to settle"); // the robot reads a cycle late: compare only at rest

        // Tracking bound: 0.005 rad per arm joint, 0.5 mm on the gripper. Gravity sags the loaded
        // joints by the holding torque over Kp (about 1 mrad), joint friction adds under 0.1 mrad,
        // the PiPER's wire units are 0.001 degree and the Lite 6's fp32.
        double worst = 0;
        for (int joint = 0; joint < gripper; joint++)
        {
            double simulated = world.Joints.GetPresentPosition(joint);
            worst = Math.Max(worst, Math.Abs(simulated - goal[joint]));
            output.WriteLine($"{virtualArm.Description.Joints[joint].Name}: goal {goal[joint]:F4}, simulated {simulated:F4}, error {(simulated - goal[joint]) * 1000:F2} mrad");
            Assert.Equal(goal[joint], simulated, 0.005);
        }

        double simulatedGripper = world.Joints.GetPresentPosition(gripper);
        output.WriteLine($"gripper: goal {gripperGoal * 1000:F2} mm, simulated {simulatedGripper * 1000:F3} mm; worst arm joint error {worst * 1000:F2} mrad");
        Assert.Equal(gripperGoal, simulatedGripper, 0.0005);

        var measured = new JointFrame(gripper + 1);
        robot.ReadState(measured);
        for (int joint = 0; joint <= gripper; joint++)
        {
            Assert.Equal(world.Joints.GetPresentPosition(joint), measured.Positions[joint], 0.001);
        }

        // The simulated tool is where the driver's kinematics put the goal, within 3 mm.
        var chain = new SerialChain(virtualArm.Description);
        Pose tool = world.Access(simulation => simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool"));
        double error = (tool.Position - chain.ForwardKinematics(goal).Position).Length;
        output.WriteLine($"tool {error * 1000:F2} mm from the goal's forward kinematics; {world.GetStatistics()}");
        Assert.True(error < 0.003, $"the simulated tool is {error * 1000:F2} mm from the goal's forward kinematics");
        Assert.Null(world.Fault);
        Assert.Equal(RobotState.Active, robot.State);
    }

    /// <summary>The world running in real time from its rest pose (limp), the arm's emulator over its joints, and a Robot over the real driver (not connected).</summary>
    private (VirtualWorld World, Robot Robot) StartVirtualArm(string name)
    {
        VirtualWorld world = Own(VirtualWorld.Create(VirtualControllerArm.All[name].Arm, new VirtualWorldOptions { Seed = 1 }));
        world.Start();
        IRobotDriver driver;
        if (name == ControllerArmSimulationModels.Piper)
        {
            PiperEmulator emulator = Own(new PiperEmulator(world.Joints, new PiperEmulatorOptions
            {
                LinkPath = Path.Combine(Path.GetTempPath(), $"ttyVIRTUALPIPER-{Guid.NewGuid():N}"),
            }));
            emulator.Start();
            driver = new PiperDriver(emulator.PortPath, new PiperDriverOptions { ConnectTimeoutMs = 5000, EnableTimeoutMs = 5000, FeedbackTimeoutMs = 500, SpeedPercent = 100 });
        }
        else
        {
            Lite6Emulator emulator = Own(new Lite6Emulator(world.Joints));
            emulator.Start();
            driver = new Lite6Driver(Lite6Emulator.Host, emulator.Port, new Lite6DriverOptions { ReplyTimeoutMs = 250, CommandTimeoutMs = 2000 });
        }

        return (world, Own(new Robot(driver, new RobotOptions { ControlRateHz = 100 })));
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
