using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>The built-in Koch v1.1 follower tabletop: it is the Dynamixel driver's arm, joint for joint, and its servos track and rest.</summary>
public sealed class KochFollowerModelTests(ITestOutputHelper output)
{
    /// <summary>A reachable pose with the arm up and forward, the gripper half open, clear of the table.</summary>
    internal static readonly double[] Goal = [0.4, -0.2, -0.3, 0.3, 0.5, 0.3];

    private static readonly double[][] Configurations =
    [
        [0, 0, 0, 0, 0],
        [0.5, -0.4, 0.7, -0.3, 1.2],
        [-1.2, 1.0, -1.0, 1.2, -1.5],
        [3.0, 1.9, 1.5, -3.0, 2.1],
        [-0.3, -1.8, -2.1, 0.9, -1.7],
        [2.2, 0.2, -1.6, 2.5, 0.4],
    ];

    [Fact]
    public void TheKochWorld_Loads_WithTheDriversJointsActuatorsCubesAndCameras()
    {
        using MujocoModel model = SimulationModels.Load(DynamixelSimulationModels.KochFollower);

        Assert.Contains(DynamixelSimulationModels.KochFollower, SimulationModels.Names);
        DynamixelArm arm = DynamixelArms.KochFollower;
        Assert.Equal(arm.Joints.Count, DynamixelSimulationModels.KochFollowerJoints.Count);
        Assert.Equal(arm.Joints.Count, DynamixelSimulationModels.KochFollowerRestPose.Count);
        for (int i = 0; i < arm.Joints.Count; i++)
        {
            DynamixelJoint driverJoint = arm.Joints[i];
            Assert.Equal(driverJoint.Name, DynamixelSimulationModels.KochFollowerJoints[i]);
            MujocoJoint joint = model.Joints[model.GetJointIndex(driverJoint.Name)];
            Assert.Equal(MujocoJointType.Hinge, joint.Type);
            Assert.True(joint.IsLimited);
            bool isGripper = driverJoint.Name == arm.Gripper!.JointName;
            Assert.Equal(isGripper ? arm.Gripper.ClosedPosition : driverJoint.Limits.MinPosition, joint.RangeMinimum, 1e-5);
            Assert.Equal(isGripper ? arm.Gripper.OpenPosition : driverJoint.Limits.MaxPosition, joint.RangeMaximum, 1e-5);
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
        using MujocoModel model = SimulationModels.Load(DynamixelSimulationModels.KochFollower);
        using var simulation = new MujocoSimulation(model);
        var chain = new SerialChain(DynamixelArms.KochFollower.Description);
        Assert.Equal(5, chain.JointCount);

        foreach (double[] configuration in Configurations)
        {
            for (int i = 0; i < configuration.Length; i++)
            {
                simulation.SetJointPosition(DynamixelSimulationModels.KochFollowerJoints[i], configuration[i]);
            }

            simulation.Forward();
            Pose simulated = simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool");
            Pose expected = chain.ForwardKinematics(configuration);

            double error = (simulated.Position - expected.Position).Length;
            Assert.True(error < 1e-6, $"At [{string.Join(", ", configuration)}] the tool is {error * 1000:F4} mm from the driver's forward kinematics.");
            Assert.True(simulated.Orientation.AngleTo(expected.Orientation) < 1e-5, $"At [{string.Join(", ", configuration)}] the tool is turned {simulated.Orientation.AngleTo(expected.Orientation)} rad from the driver's.");
        }
    }

    [Fact]
    public void ServosTrackAGoal_InManualSteps_Within0Point01RadianAfter3Seconds_AndHoldIt()
    {
        using VirtualWorld world = DynamixelSimulationModels.CreateKochFollower();
        MujocoJointBackend joints = world.Joints;
        Assert.Same(DynamixelServoMotors.Xl330M288, joints.Servo);
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
            joints.SetGoalPosition(joint, Goal[joint]);
        }

        world.StepFor(3.0);

        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            double error = joints.GetPresentPosition(joint) - Goal[joint];
            output.WriteLine($"{joints.JointNames[joint]}: error {error:F5} rad, velocity {joints.GetPresentVelocity(joint):F5} rad/s, torque {joints.GetMotorTorque(joint):F3} N m");
            Assert.True(Math.Abs(error) < 0.01, $"{joints.JointNames[joint]} is {error:F4} rad from its goal");
            Assert.True(Math.Abs(joints.GetPresentVelocity(joint)) < 0.01, $"{joints.JointNames[joint]} still moves");
        }
    }

    [Fact]
    public void TheJaw_OpensAndCloses_OverTheDriversGripperRange()
    {
        DynamixelGripper gripper = DynamixelArms.KochFollower.Gripper!;
        using VirtualWorld world = DynamixelSimulationModels.CreateKochFollower();
        MujocoJointBackend joints = world.Joints;
        joints.SetTorqueEnabled(5, true);
        foreach (double goal in new[] { gripper.OpenPosition, gripper.ClosedPosition + 0.05, 0.0 })
        {
            joints.SetGoalPosition(5, goal);
            world.StepFor(1.0);
            output.WriteLine($"gripper goal {goal:F4} rad, present {joints.GetPresentPosition(5):F4} rad");
            Assert.Equal(goal, joints.GetPresentPosition(5), 0.02);
        }
    }

    [Fact]
    public void ALimpKoch_StaysAtItsRestPose()
    {
        using VirtualWorld world = DynamixelSimulationModels.CreateKochFollower();

        world.StepFor(1.0);

        for (int joint = 0; joint < world.Joints.JointCount; joint++)
        {
            double present = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{world.Joints.JointNames[joint]}: {present:F4} rad");
            Assert.False(world.Joints.IsTorqueEnabled(joint));
            Assert.Equal(DynamixelSimulationModels.KochFollowerRestPose[joint], present, 0.02);
        }
    }

    [Fact]
    public void TheArmsServo_IsUsedUnlessTheOptionsNameAnother()
    {
        using VirtualWorld seeded = DynamixelSimulationModels.CreateKochFollower(new VirtualWorldOptions { Seed = 3 });
        using VirtualWorld other = DynamixelSimulationModels.CreateKochFollower(new VirtualWorldOptions { Servo = ServoMotorModel.Sts3215 with { PositionGain = 50 } });

        Assert.Same(DynamixelServoMotors.Xl330M288, seeded.Joints.Servo);
        Assert.Equal(50, other.Joints.Servo.PositionGain);
    }
}
