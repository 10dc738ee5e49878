using System.Xml.Linq;
using RobotSdk.Drivers.Elephant;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The built-in myCobot 280 tabletop: it is the Elephant driver's arm joint for joint (limits, DH
/// kinematics), weighs what Elephant publishes, its gripper is the emulator's open fraction over the
/// assumed jaw travel, and its servos track and rest.
/// </summary>
public sealed class MyCobot280ModelTests(ITestOutputHelper output)
{
    private const int Gripper = MyCobot280.ArmJointCount;

    [Fact]
    public void TheWorld_Loads_WithTheDriversJointsLimitsActuatorsCubesAndCameras()
    {
        SimulatedArmModel virtualArm = SimulatedArms.MyCobot280;
        using MujocoModel model = SimulationModels.Load(virtualArm.World);
        RobotDescription description = MyCobot280.Description;

        Assert.Contains(ElephantSimulationModels.MyCobot280, SimulationModels.Names);
        Assert.Equal(description.Joints.Count, virtualArm.Joints.Count);
        Assert.Equal(description.Joints.Count, virtualArm.RestPose.Count);
        for (int i = 0; i < MyCobot280.ArmJointCount; i++)
        {
            Assert.Equal(description.Joints[i].Name, virtualArm.Joints[i].Name);
            MujocoJoint joint = model.Joints[model.GetJointIndex(virtualArm.Joints[i].Name)];
            Assert.Equal(MujocoJointType.Hinge, joint.Type);
            Assert.True(joint.IsLimited);
            Assert.Equal(MyCobot280.MinPositionRadians(i), joint.RangeMinimum, 1e-5);
            Assert.Equal(MyCobot280.MaxPositionRadians(i), joint.RangeMaximum, 1e-5);
            Assert.Contains(model.Actuators, actuator => actuator.JointIndex == joint.Index);
        }

        // The gripper: a jaw slide from closed to the assumed travel, which the backend's scale maps
        // onto the driver's (and emulator's) open fraction 0..1.
        SimulatedJoint gripper = virtualArm.Joints[Gripper];
        MujocoJoint jaw = model.Joints[model.GetJointIndex(gripper.Name)];
        Assert.Equal(MujocoJointType.Slide, jaw.Type);
        Assert.Equal(0, jaw.RangeMinimum);
        Assert.Equal(ElephantSimulationModels.MyCobot280GripperTravelMeters, jaw.RangeMaximum, 1e-9);
        GripperDescription driverGripper = description.Grippers.Single();
        Assert.Equal(driverGripper.ClosedPosition, gripper.Scale * jaw.RangeMinimum, 1e-9);
        Assert.Equal(driverGripper.OpenPosition, gripper.Scale * jaw.RangeMaximum, 1e-9);
        Assert.Contains(model.Actuators, actuator => actuator.JointIndex == jaw.Index);

        Assert.Equal(3, model.Joints.Count(joint => joint.Type == MujocoJointType.Free));
        Assert.Equal(["scene", "wrist"], model.CameraNames);
        Assert.True(model.GetBodyIndex("tool") > 0);
        Assert.Equal(0.002, model.TimestepSeconds);
    }

    [Fact]
    public void TheToolBody_IsTheDriversFlange_At200RandomConfigurations_Within1Micrometre()
    {
        using MujocoModel model = SimulationModels.Load(ElephantSimulationModels.MyCobot280);
        using var simulation = new MujocoSimulation(model);
        var chain = new SerialChain(MyCobot280.Description);
        Assert.Equal(MyCobot280.ArmJointCount, chain.JointCount);
        var random = new Random(280);
        double worstPosition = 0, worstAngle = 0;

        for (int trial = 0; trial < 200; trial++)
        {
            double[] configuration = new double[MyCobot280.ArmJointCount];
            for (int i = 0; i < configuration.Length; i++)
            {
                double min = MyCobot280.MinPositionRadians(i), max = MyCobot280.MaxPositionRadians(i);
                configuration[i] = min + (random.NextDouble() * (max - min));
                simulation.SetJointPosition(MyCobot280.JointNames[i], configuration[i]);
            }

            simulation.Forward();
            Pose simulated = simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool");
            Pose expected = chain.ForwardKinematics(configuration);

            worstPosition = Math.Max(worstPosition, (simulated.Position - expected.Position).Length);
            worstAngle = Math.Max(worstAngle, simulated.Orientation.AngleTo(expected.Orientation));
        }

        output.WriteLine($"worst tool error over 200 configurations: {worstPosition * 1e6:F3} um, {worstAngle:E2} rad");
        Assert.True(worstPosition < 1e-6, $"The tool is up to {worstPosition * 1000:F4} mm from the driver's forward kinematics.");
        Assert.True(worstAngle < 1e-5, $"The tool is turned up to {worstAngle} rad from the driver's.");
    }

    [Fact]
    public void TheArmAtZero_HasItsFlangeWhereElephantsCoordinatesSay()
    {
        using MujocoModel model = SimulationModels.Load(ElephantSimulationModels.MyCobot280);
        using var simulation = new MujocoSimulation(model);
        simulation.Forward();

        Vector3D flange = simulation.GetBodyPose("tool").Position;

        // pymycobot's robot_info.py: the 280's z limit is 412.67 mm, the flange height at zero.
        Assert.Equal(0.0456, flange.X, 1e-6);
        Assert.Equal(-0.0634, flange.Y, 1e-6);
        Assert.Equal(0.41267, flange.Z, 1e-6);
    }

    [Fact]
    public void TheArm_WeighsElephants850Grams_AndTheGripperTheAssumed100()
    {
        XElement worldBody = XDocument.Parse(SimulationModels.ReadXml(ElephantSimulationModels.MyCobot280)).Root!.Element("worldbody")!;
        XElement armBase = worldBody.Elements("body").Single(body => (string?)body.Attribute("name") == "base");
        XElement gripper = armBase.Descendants("body").Single(body => (string?)body.Attribute("name") == "gripper");
        static double MassOf(IEnumerable<XElement> geoms) => geoms.Sum(geom => (double?)geom.Attribute("mass") ?? 0);

        double gripperMass = MassOf(gripper.Descendants("geom"));
        double armMass = MassOf(armBase.Descendants("geom")) - gripperMass;

        output.WriteLine($"arm {armMass:F3} kg, gripper {gripperMass:F3} kg");
        Assert.Equal(0.85, armMass, 1e-9);
        Assert.Equal(0.10, gripperMass, 1e-9);
        Assert.All(armBase.Descendants("geom"), geom => Assert.NotNull(geom.Attribute("mass")));
    }

    [Fact]
    public void TheGripper_OpensAndCloses_OverTheAssumedTravel_BothJawsAlike()
    {
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.MyCobot280);
        MujocoJointBackend joints = world.Joints;
        joints.SetTorqueEnabled(Gripper, true);
        foreach (double goal in new[] { 1.0, 0.5, 0.0, 0.8 })
        {
            joints.SetGoalPosition(Gripper, goal);
            world.StepFor(1.5);
            double jaw = world.Access(simulation => simulation.GetJointPosition("gripper"));
            double mirror = world.Access(simulation => simulation.GetJointPosition("gripper_mirror"));
            output.WriteLine($"goal {goal:F2}: open fraction {joints.GetPresentPosition(Gripper):F4}, jaws {jaw * 1000:F2} and {mirror * 1000:F2} mm");
            Assert.Equal(goal, joints.GetPresentPosition(Gripper), 0.02);
            Assert.Equal(goal * ElephantSimulationModels.MyCobot280GripperTravelMeters, jaw, 0.0005);
            Assert.Equal(jaw, mirror, 0.0005);
        }
    }

    [Fact]
    public void ServosTrackAGoal_InManualSteps_Within0Point01After3Seconds_AndHoldIt()
    {
        double[] goal = [0.4, -0.5, -0.8, -0.3, 0.5, -0.4, 0.6];
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.MyCobot280);
        MujocoJointBackend joints = world.Joints;
        Assert.Same(ElephantServoMotors.MyCobot280Joint, joints.GetServo(0));
        Assert.Same(ElephantServoMotors.MyCobot280Gripper, joints.GetServo(Gripper));
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
            joints.SetGoalPosition(joint, goal[joint]);
        }

        world.StepFor(3.0);

        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            double error = joints.GetPresentPosition(joint) - goal[joint];
            output.WriteLine($"{joints.JointNames[joint]}: error {error:F5}, velocity {joints.GetPresentVelocity(joint):F5}, torque {joints.GetMotorTorque(joint):F3}");
            Assert.True(Math.Abs(error) < 0.01, $"{joints.JointNames[joint]} is {error:F4} from its goal");
            Assert.True(Math.Abs(joints.GetPresentVelocity(joint)) < 0.01, $"{joints.JointNames[joint]} still moves");
        }
    }

    [Theory]
    [InlineData(0, 2.0)] // the base joint: no gravity load, the whole arm's inertia
    [InlineData(5, 2.0)] // the flange: the smallest inertia, the stiffest test of the 2 ms step
    [InlineData(Gripper, 1.0)] // the jaws, in open fraction
    public void AStepResponse_SettlesWithLittleOvershoot_AtTheTwoMillisecondStep(int joint, double step)
    {
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.MyCobot280, new VirtualWorldOptions { InitialPositions = [0, 0, 0, 0, 0, 0, 0] });
        MujocoJointBackend joints = world.Joints;
        for (int holding = 0; holding < joints.JointCount; holding++)
        {
            joints.SetTorqueEnabled(holding, true); // every other servo holds the upright arm
        }

        double start = joints.GetPresentPosition(joint);
        joints.SetGoalPosition(joint, start + step);
        double peak = start;
        for (int i = 0; i < 1000; i++)
        {
            world.Step();
            peak = Math.Max(peak, joints.GetPresentPosition(joint));
        }

        double overshoot = peak - (start + step);
        output.WriteLine($"{joints.JointNames[joint]}: from {start:F4} to {start + step:F4}: overshoot {overshoot:E2}, final error {joints.GetPresentPosition(joint) - (start + step):E2}, velocity {joints.GetPresentVelocity(joint):E2}");
        Assert.True(overshoot < 0.03 * step, $"{joints.JointNames[joint]} overshoots by {overshoot:F4}");
        Assert.Equal(start + step, joints.GetPresentPosition(joint), 0.01);
        Assert.True(Math.Abs(joints.GetPresentVelocity(joint)) < 0.01, $"{joints.JointNames[joint]} still moves after 2 s");
    }

    [Fact]
    public void ALimpMyCobot280_StaysAtItsRestPose()
    {
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.MyCobot280);

        world.StepFor(1.0);

        for (int joint = 0; joint < world.Joints.JointCount; joint++)
        {
            double present = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{world.Joints.JointNames[joint]}: {present:F4}");
            Assert.False(world.Joints.IsTorqueEnabled(joint));
            Assert.Equal(ElephantSimulationModels.MyCobot280RestPose[joint], present, 0.02);
        }
    }
}
