using System.Xml.Linq;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>The built-in SO-101 and SO-100 tabletops: each loads, and each is its Feetech driver's arm, joint for joint.</summary>
public sealed class FeetechArmModelTests(ITestOutputHelper output)
{
    private static readonly double[][] Configurations =
    [
        [0, 0, 0, 0, 0],
        [0.5, -0.4, 0.7, -0.3, 1.2],
        [-1.2, 1.0, -1.0, 1.2, -2.0],
        [1.9, 1.7, 1.6, -1.6, 2.8],
        [-0.3, -1.7, 1.5, 0.9, -2.7],
        [0.8, 0.2, -1.6, 1.6, 0.4],
    ];

    [Theory]
    [InlineData("so101")]
    [InlineData("so100")]
    public void TheWorld_Loads_WithTheDriversJointsActuatorsCubesAndCameras(string name)
    {
        SimulatedArmModel virtualArm = SimulatedArms.Get(name);
        using MujocoModel model = SimulationModels.Load(virtualArm.World);

        Assert.Contains(name, SimulationModels.Names);
        FeetechArm arm = FeetechArms.Find(name);
        Assert.Equal(arm.Motors.Count, virtualArm.Joints.Count);
        Assert.Equal(arm.Motors.Count, virtualArm.RestPose.Count);
        for (int i = 0; i < arm.Motors.Count; i++)
        {
            FeetechMotor motor = arm.Motors[i];
            Assert.Equal(motor.Name, virtualArm.Joints[i].Name);
            Assert.Equal(1, virtualArm.Joints[i].Scale);
            MujocoJoint joint = model.Joints[model.GetJointIndex(motor.Name)];
            Assert.Equal(MujocoJointType.Hinge, joint.Type);
            Assert.True(joint.IsLimited);
            Assert.Equal(motor.MinPositionRadians, joint.RangeMinimum, 1e-5);
            Assert.Equal(motor.MaxPositionRadians, joint.RangeMaximum, 1e-5);
            Assert.Contains(model.Actuators, actuator => actuator.JointIndex == joint.Index);
        }

        Assert.Equal(3, model.Joints.Count(joint => joint.Type == MujocoJointType.Free));
        // The SO-101 also has the touch-cube task's overhead camera.
        Assert.Equal(name == "so101" ? ["scene", "overhead", "wrist"] : ["scene", "wrist"], model.CameraNames);
        Assert.True(model.GetBodyIndex("tool") > 0);
        Assert.Equal(0.002, model.TimestepSeconds);
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("so100")]
    public void TheToolBody_IsTheDriversToolPoint_AtEveryConfiguration_Within1Micrometre(string name)
    {
        IReadOnlyList<SimulatedJoint> joints = SimulatedArms.Get(name).Joints;
        FeetechArm arm = FeetechArms.Find(name);
        using MujocoModel model = SimulationModels.Load(name);
        using var simulation = new MujocoSimulation(model);
        var chain = new SerialChain(arm.Description);
        Assert.Equal(5, chain.JointCount);
        var random = new Random(100);
        IEnumerable<double[]> randomConfigurations = Enumerable.Range(0, 100).Select(_ => Enumerable.Range(0, 5)
            .Select(i => arm.Motors[i].MinPositionRadians + (random.NextDouble() * (arm.Motors[i].MaxPositionRadians - arm.Motors[i].MinPositionRadians)))
            .ToArray());

        foreach (double[] configuration in Configurations.Concat(randomConfigurations))
        {
            for (int i = 0; i < configuration.Length; i++)
            {
                simulation.SetJointPosition(joints[i].Name, configuration[i]);
            }

            simulation.Forward();
            Pose baseFrame = simulation.GetBodyPose("base");
            Pose simulated = baseFrame.Inverse() * simulation.GetBodyPose("tool");
            Pose expected = chain.ForwardKinematics(configuration);

            double error = (simulated.Position - expected.Position).Length;
            Assert.True(error < 1e-6, $"At [{string.Join(", ", configuration)}] the tool is {error * 1000:F4} mm from the driver's forward kinematics.");
            Assert.True(simulated.Orientation.AngleTo(expected.Orientation) < 1e-5, $"At [{string.Join(", ", configuration)}] the tool is turned {simulated.Orientation.AngleTo(expected.Orientation)} rad from the driver's.");
        }
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("so100")]
    public void TheBase_Stands2Point4MillimetresAboveTheTable(string name)
    {
        using MujocoModel model = SimulationModels.Load(name);
        using var simulation = new MujocoSimulation(model);

        Pose baseFrame = simulation.GetBodyPose("base");

        Assert.Equal(new Vector3D(0, 0, 0.0024), baseFrame.Position);
    }

    [Fact]
    public void TheSo100Links_WeighWhatTheSo100UrdfSays()
    {
        // TheRobotStudio/SO-ARM100 Simulation/SO100/so100.urdf (commit 0c8e289): shoulder, upper_arm,
        // lower_arm, wrist, gripper (fixed jaw) and jaw link masses, kg.
        var expected = new Dictionary<string, double>
        {
            ["shoulder"] = 0.119226,
            ["upper_arm"] = 0.162409,
            ["lower_arm"] = 0.147968,
            ["wrist"] = 0.0661321,
            ["gripper"] = 0.0929859,
            ["moving_jaw"] = 0.0202444,
        };
        XElement worldBody = XDocument.Parse(SimulationModels.ReadXml(SimulationModels.So100)).Root!.Element("worldbody")!;

        foreach ((string body, double mass) in expected)
        {
            XElement inertial = worldBody.Descendants("body").Single(element => (string?)element.Attribute("name") == body).Element("inertial")!;
            Assert.Equal(mass, (double)inertial.Attribute("mass")!, 1e-7);
        }

        Assert.Equal(0.609, expected.Values.Sum(), 0.001);
    }

    [Fact]
    public void ALimpSo100_StaysAtItsRestPose()
    {
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.So100);

        world.StepFor(1.0);

        for (int joint = 0; joint < world.Joints.JointCount; joint++)
        {
            double present = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{world.Joints.JointNames[joint]}: {present:F4} rad");
            Assert.False(world.Joints.IsTorqueEnabled(joint));
            Assert.Equal(SimulationModels.So100RestPose[joint], present, 0.02);
        }
    }

    [Fact]
    public void AnUnknownWorld_IsRefused_NamingTheKnownOnes()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => SimulationModels.ReadXml("so999"));

        Assert.Contains("so101", error.Message);
    }
}
