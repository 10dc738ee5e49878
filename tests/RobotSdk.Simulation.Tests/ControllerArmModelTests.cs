using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The built-in PiPER and Lite 6 tabletops: each is its driver's arm, joint for joint (order, axes,
/// limits, units, tool point), with the vendor's masses, a gripper over the driver's range, servos
/// that track and hold, and a rest pose a limp arm keeps.
/// </summary>
public sealed class ControllerArmModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void TheWorld_Loads_WithTheDriversJointsLimitsActuatorsCubesAndCameras(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        SimulatedArmModel arm = virtualArm.Arm;
        using MujocoModel model = SimulationModels.Load(arm.World);

        Assert.Same(arm, SimulatedArms.Get(name));
        Assert.Contains(arm, SimulatedArms.All);
        Assert.Equal(virtualArm.Description.Joints.Count, arm.Joints.Count);
        Assert.Equal(arm.Joints.Count, arm.RestPose.Count);
        for (int i = 0; i < arm.Joints.Count; i++)
        {
            JointDescription driverJoint = virtualArm.Description.Joints[i];
            SimulatedJoint simulated = arm.Joints[i];
            Assert.Equal(driverJoint.Name, simulated.Name);
            MujocoJoint joint = model.Joints[model.GetJointIndex(simulated.Name)];
            Assert.Equal(driverJoint.Kind == JointKind.Revolute ? MujocoJointType.Hinge : MujocoJointType.Slide, joint.Type);
            Assert.True(joint.IsLimited);
            Assert.Equal(driverJoint.Limits.MinPosition, simulated.Scale * joint.RangeMinimum, 1e-9);
            Assert.Equal(driverJoint.Limits.MaxPosition, simulated.Scale * joint.RangeMaximum, 1e-9);
            Assert.Contains(model.Actuators, actuator => actuator.JointIndex == joint.Index);
            Assert.NotNull(simulated.Servo);
        }

        Assert.Equal(3, model.Joints.Count(joint => joint.Type == MujocoJointType.Free));
        Assert.Equal(["scene", "wrist"], model.CameraNames);
        Assert.True(model.GetBodyIndex("tool") > 0);
        Assert.Equal(0.002, model.TimestepSeconds);
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void TheToolBody_IsTheDriversForwardKinematics_At200RandomConfigurations_Within1Micrometre(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        using MujocoModel model = SimulationModels.Load(virtualArm.Arm.World);
        using var simulation = new MujocoSimulation(model);
        var chain = new SerialChain(virtualArm.Description);
        Assert.Equal(6, chain.JointCount);
        var random = new Random(20261122);
        double worstPosition = 0;
        double worstAngle = 0;

        for (int trial = 0; trial < 200; trial++)
        {
            double[] configuration = RandomConfiguration(virtualArm, random);
            Pose simulated = Place(simulation, virtualArm, configuration);
            Pose expected = chain.ForwardKinematics(configuration);

            double error = (simulated.Position - expected.Position).Length;
            double angle = simulated.Orientation.AngleTo(expected.Orientation);
            worstPosition = Math.Max(worstPosition, error);
            worstAngle = Math.Max(worstAngle, angle);
            Assert.True(error < 1e-6, $"At [{Format(configuration)}] the tool is {error * 1000:F4} mm from the driver's forward kinematics.");
            Assert.True(angle < 1e-5, $"At [{Format(configuration)}] the tool is turned {angle} rad from the driver's.");
        }

        output.WriteLine($"worst: {worstPosition:E2} m, {worstAngle:E2} rad");
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void EachJoint_TurnsItsLink_AboutTheDriversAxis(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        using MujocoModel model = SimulationModels.Load(virtualArm.Arm.World);
        using var simulation = new MujocoSimulation(model);
        KinematicChainDescription kinematics = virtualArm.Description.Kinematics!;
        double[] configuration = RandomConfiguration(virtualArm, new Random(7));
        const double Turn = 0.3;

        for (int joint = 0; joint < 6; joint++)
        {
            string link = $"link{joint + 1}";
            Place(simulation, virtualArm, configuration);
            Rotation before = simulation.GetBodyPose(link).Orientation;
            double[] turned = (double[])configuration.Clone();
            turned[joint] += Turn;
            Place(simulation, virtualArm, turned);
            Rotation after = simulation.GetBodyPose(link).Orientation;

            Rotation expected = before * Rotation.FromAxisAngle(kinematics.Joints[joint].Axis, Turn);
            Assert.True(after.AngleTo(expected) < 1e-7, $"{link} turned {after.AngleTo(expected)} rad away from the driver's axis {kinematics.Joints[joint].Axis}.");
        }
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void EveryMovingLink_WeighsWhatTheVendorsUrdfSays(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        XDocument mjcf = XDocument.Parse(SimulationModels.ReadXml(virtualArm.Arm.World));

        foreach ((string body, double mass) in virtualArm.UrdfMasses)
        {
            XElement inertial = mjcf.Descendants("body").Single(element => (string?)element.Attribute("name") == body).Element("inertial")!;
            double modelled = double.Parse((string)inertial.Attribute("mass")!, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(modelled - mass) <= 1e-6 * mass, $"{body} weighs {modelled} kg in the MJCF, {mass} kg in the URDF.");
        }

        // Every body with a joint (the arm, the fingers, the cubes) has its own mass: none is left to a default.
        Assert.All(mjcf.Descendants("body").Where(element => element.Element("joint") is not null), body => Assert.NotNull(body.Element("inertial")));
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void ServosTrackAGoal_InManualSteps_Within0Point005RadianAndHalfAMillimetre_AndHoldIt(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        using VirtualWorld world = VirtualWorld.Create(virtualArm.Arm);
        MujocoJointBackend joints = world.Joints;
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            Assert.Same(virtualArm.Arm.Joints[joint].Servo, joints.GetServo(joint));
            joints.SetTorqueEnabled(joint, true);
            joints.SetGoalPosition(joint, virtualArm.Goal[joint]);
        }

        world.StepFor(3.0);

        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            bool isGripper = joint == virtualArm.GripperJoint;
            double error = joints.GetPresentPosition(joint) - virtualArm.Goal[joint];
            output.WriteLine($"{joints.JointNames[joint]}: error {error:F5}, velocity {joints.GetPresentVelocity(joint):F5}, torque {joints.GetMotorTorque(joint):F3}");
            Assert.True(Math.Abs(error) < (isGripper ? 0.0005 : 0.005), $"{joints.JointNames[joint]} is {error:F5} from its goal");
            Assert.True(Math.Abs(joints.GetPresentVelocity(joint)) < 0.01, $"{joints.JointNames[joint]} still moves");
        }
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void TheFingers_MirrorEachOther_OverTheDriversGripperRange(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        JointLimits limits = virtualArm.Description.Joints[virtualArm.GripperJoint].Limits;
        int gripper = virtualArm.GripperJoint;
        using VirtualWorld world = VirtualWorld.Create(virtualArm.Arm);
        MujocoJointBackend joints = world.Joints;
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true); // the arm holds its rest pose
        }

        foreach (double goal in new[] { limits.MaxPosition, limits.MinPosition, 0.5 * (limits.MinPosition + limits.MaxPosition) })
        {
            joints.SetGoalPosition(gripper, goal);
            world.StepFor(1.5);
            (double present, double gap) = world.Access(simulation =>
            {
                double driven = simulation.GetJointPosition(virtualArm.Arm.Joints[gripper].Name);
                double mirror = simulation.GetJointPosition("gripper_mirror");
                Assert.Equal(driven, mirror, 1e-4);
                Vector3D first = simulation.GetBodyPose(virtualArm.Fingers.First).Position;
                Vector3D second = simulation.GetBodyPose(virtualArm.Fingers.Second).Position;
                return (joints.GetPresentPosition(gripper), (first - second).Length);
            });
            output.WriteLine($"gripper goal {goal * 1000:F2} mm: present {present * 1000:F3} mm, finger bodies {gap * 1000:F3} mm apart");
            Assert.Equal(goal, present, 0.0003);
            Assert.Equal(virtualArm.FingerGapPerUnit * goal, gap, 0.0005);
        }
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void ALimpArm_StaysAtItsRestPose_AboveTheTable(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        using VirtualWorld world = VirtualWorld.Create(virtualArm.Arm);

        world.StepFor(1.0);

        for (int joint = 0; joint < virtualArm.GripperJoint; joint++)
        {
            double present = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{world.Joints.JointNames[joint]}: {present:F4} rad");
            Assert.False(world.Joints.IsTorqueEnabled(joint));
            Assert.Equal(virtualArm.Arm.RestPose[joint], present, 0.02);
        }

        world.Access(simulation =>
        {
            foreach (string body in virtualArm.UrdfMasses.Keys.Append("tool"))
            {
                Assert.True(simulation.GetBodyPose(body).Position.Z > 0, $"{body} is below the table");
            }
        });
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void TheArmsServos_AreUsedUnlessTheOptionsNameAnother(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        using VirtualWorld seeded = VirtualWorld.Create(virtualArm.Arm, new VirtualWorldOptions { Seed = 3 });
        using VirtualWorld other = VirtualWorld.Create(virtualArm.Arm, new VirtualWorldOptions { Servo = ServoMotorModel.Sts3215 with { PositionGain = 50 } });

        Assert.All(Enumerable.Range(0, seeded.Joints.JointCount), joint => Assert.Same(virtualArm.Arm.Joints[joint].Servo, seeded.Joints.GetServo(joint)));
        Assert.Equal(virtualArm.Arm.Joints[virtualArm.GripperJoint].Scale, seeded.Joints.GetScale(virtualArm.GripperJoint));
        Assert.All(Enumerable.Range(0, other.Joints.JointCount), joint => Assert.Equal(50, other.Joints.GetServo(joint).PositionGain));
    }

    /// <summary>Uniform within the driver's limits, 6 arm joints.</summary>
    internal static double[] RandomConfiguration(VirtualControllerArm virtualArm, Random random)
    {
        double[] configuration = new double[6];
        for (int joint = 0; joint < configuration.Length; joint++)
        {
            JointLimits limits = virtualArm.Description.Joints[joint].Limits;
            configuration[joint] = limits.MinPosition + (random.NextDouble() * (limits.MaxPosition - limits.MinPosition));
        }

        return configuration;
    }

    /// <summary>Sets the arm joints and returns the tool in the base frame.</summary>
    private static Pose Place(MujocoSimulation simulation, VirtualControllerArm virtualArm, double[] configuration)
    {
        for (int joint = 0; joint < configuration.Length; joint++)
        {
            simulation.SetJointPosition(virtualArm.Arm.Joints[joint].Name, configuration[joint]);
        }

        simulation.Forward();
        return simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool");
    }

    private static string Format(double[] values) => string.Join(", ", values.Select(value => value.ToString("F4", CultureInfo.InvariantCulture)));
}
