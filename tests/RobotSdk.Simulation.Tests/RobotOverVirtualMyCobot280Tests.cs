using RobotSdk.Drivers.Elephant;
using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The closed loop over the virtual myCobot 280: a <see cref="Robot"/> over the real
/// <see cref="MyCobotDriver"/> over a <c>LinuxSerialPort</c> on the pty of a <see cref="MyCobotEmulator"/>
/// (the firmware's 20 ms per frame included) whose servos move the simulated arm and gripper of a
/// <see cref="VirtualWorld"/> running in real time.
/// </summary>
public sealed class RobotOverVirtualMyCobot280Tests(ITestOutputHelper output) : IDisposable
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
    public async Task ARobot_MovesTheSimulatedArmToAGoal_AndTheSimulatedJointsAndToolAgree()
    {
        const int gripper = MyCobot280.ArmJointCount;
        (VirtualWorld world, Robot robot) = StartVirtualArm();
        robot.Connect();
        robot.Activate();
        double[] goal = [0.4, -0.5, -0.8, -0.3, 0.5, -0.4];
        await robot.Arm.MoveToAsync(goal, speedFraction: 1, toleranceRadians: 0.02);
        robot.Gripper!.SetOpenFraction(0.5);
        Poll.Until(() => Math.Abs(world.Joints.GetPresentPosition(gripper) - 0.5) < 0.02, "the simulated gripper to reach half open");
        Poll.Until(() => Enumerable.Range(0, gripper + 1).All(joint => Math.Abs(world.Joints.GetPresentVelocity(joint)) < 0.01), "the simulated arm and gripper to settle"); // the robot reads a cycle late: compare only at rest

        // Tracking bound: 0.02 rad (1.1 degrees) per joint. Gravity sags the loaded joints by the
        // holding torque over Kp (under 0.01 rad), the protocol quantises to 0.01 degree.
        double worst = 0;
        for (int joint = 0; joint < gripper; joint++)
        {
            double simulated = world.Joints.GetPresentPosition(joint);
            worst = Math.Max(worst, Math.Abs(simulated - goal[joint]));
            output.WriteLine($"{MyCobot280.JointNames[joint]}: goal {goal[joint]:F4}, simulated {simulated:F4}");
            Assert.Equal(goal[joint], simulated, 0.02);
        }

        double jaw = world.Access(simulation => simulation.GetJointPosition("gripper"));
        Assert.Equal(0.5 * ElephantSimulationModels.MyCobot280GripperTravelMeters, jaw, 0.0005);

        var measured = new JointFrame(gripper + 1);
        robot.ReadState(measured);
        for (int joint = 0; joint < gripper; joint++)
        {
            Assert.Equal(world.Joints.GetPresentPosition(joint), measured.Positions[joint], 0.01);
        }

        // The simulated flange is where the driver's kinematics put the goal, within 10 mm.
        var chain = new SerialChain(MyCobot280.Description);
        Pose tool = world.Access(simulation => simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool"));
        double error = (tool.Position - chain.ForwardKinematics(goal).Position).Length;
        output.WriteLine($"worst joint error {worst:F4} rad; tool {error * 1000:F2} mm from the goal's forward kinematics; {world.GetStatistics()}");
        Assert.True(error < 0.010, $"the simulated tool is {error * 1000:F1} mm from the goal's forward kinematics");
        Assert.Null(world.Fault);
        Assert.Equal(RobotState.Active, robot.State);
    }

    /// <summary>The world running in real time from its rest pose (limp, lying behind the base), the emulated arm, and a Robot over the real driver (not connected).</summary>
    private (VirtualWorld World, Robot Robot) StartVirtualArm()
    {
        VirtualWorld world = Own(VirtualWorld.Create(SimulatedArms.MyCobot280, new VirtualWorldOptions { Seed = 1 }));
        world.Start();
        MyCobotEmulator emulator = Own(new MyCobotEmulator(world.Joints, new MyCobotEmulatorOptions
        {
            LinkPath = Path.Combine(Path.GetTempPath(), $"ttyVIRTUALMYCOBOT-{Guid.NewGuid():N}"),
        }));
        emulator.Start();
        var driver = new MyCobotDriver(emulator.PortPath, new MyCobotDriverOptions { Bus = new MyCobotBusOptions { ReplyTimeoutMs = 250 } });
        return (world, Own(new Robot(driver, new RobotOptions { ControlRateHz = MyCobot280.MaxControlRateHz })));
    }

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
