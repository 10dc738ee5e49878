using RobotSdk.Drivers.Feetech;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Simulation.Tests;

/// <summary>The built-in SO-101 tabletop: it loads, and it is the Feetech driver's arm, joint for joint.</summary>
public sealed class So101ModelTests
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

    [Fact]
    public void TheSo101World_Loads_WithTheDriversJointsActuatorsCubesAndCameras()
    {
        using MujocoModel model = SimulationModels.Load(SimulationModels.So101);

        Assert.Contains(SimulationModels.So101, SimulationModels.Names);
        FeetechArm arm = FeetechArms.So101Follower;
        for (int i = 0; i < arm.Motors.Count; i++)
        {
            FeetechMotor motor = arm.Motors[i];
            Assert.Equal(motor.Name, SimulationModels.So101Joints[i]);
            MujocoJoint joint = model.Joints[model.GetJointIndex(motor.Name)];
            Assert.Equal(MujocoJointType.Hinge, joint.Type);
            Assert.True(joint.IsLimited);
            Assert.Equal(motor.MinPositionRadians, joint.RangeMinimum, 1e-5);
            Assert.Equal(motor.MaxPositionRadians, joint.RangeMaximum, 1e-5);
            Assert.Contains(model.Actuators, actuator => actuator.JointIndex == joint.Index);
        }

        Assert.Equal(3, model.Joints.Count(joint => joint.Type == MujocoJointType.Free));
        Assert.Equal(["scene", "wrist"], model.CameraNames);
        Assert.True(model.GetBodyIndex("tool") > 0);
        Assert.Equal(0.002, model.TimestepSeconds);
    }

    [Fact]
    public void TheToolBody_IsTheDriversToolPoint_AtEveryConfiguration_Within1Micrometre()
    {
        using MujocoModel model = SimulationModels.Load(SimulationModels.So101);
        using var simulation = new MujocoSimulation(model);
        var chain = new SerialChain(FeetechArms.So101Follower.Description);
        Assert.Equal(5, chain.JointCount);

        foreach (double[] configuration in Configurations)
        {
            for (int i = 0; i < configuration.Length; i++)
            {
                simulation.SetJointPosition(SimulationModels.So101Joints[i], configuration[i]);
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

    [Fact]
    public void TheBase_Stands2Point4MillimetresAboveTheTable()
    {
        using MujocoModel model = SimulationModels.Load(SimulationModels.So101);
        using var simulation = new MujocoSimulation(model);

        Pose baseFrame = simulation.GetBodyPose("base");

        Assert.Equal(new Vector3D(0, 0, 0.0024), baseFrame.Position);
    }

    [Fact]
    public void AnUnknownWorld_IsRefused_NamingTheKnownOnes()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => SimulationModels.ReadXml("so999"));

        Assert.Contains("so101", error.Message);
    }
}
