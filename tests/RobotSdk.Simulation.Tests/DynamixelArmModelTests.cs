using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The built-in WidowX 250s, ViperX 300s and Koch v1.1 tabletops: each is its Dynamixel driver's arm,
/// joint for joint, and its servos track and rest.
/// </summary>
public sealed class DynamixelArmModelTests(ITestOutputHelper output)
{
    /// <summary>The arms by world name, with a reachable goal (arm up and forward, gripper half open, clear of the table) and joint configurations for the kinematics check.</summary>
    internal static readonly IReadOnlyDictionary<string, VirtualDynamixelArm> Arms = new Dictionary<string, VirtualDynamixelArm>
    {
        [DynamixelSimulationModels.WidowX250s] = new(
            DynamixelArms.WidowX250s, DynamixelSimulationModels.WidowX250sJoints, DynamixelSimulationModels.WidowX250sRestPose,
            DynamixelSimulationModels.CreateWidowX250s, DynamixelServoMotors.Xm430W350,
            Goal: [0.4, -0.5, 0.6, 0.3, 0.5, -0.4, 0.45],
            Configurations:
            [
                [0, 0, 0, 0, 0, 0],
                [0.5, -0.4, 0.7, -0.3, 1.2, 0.4],
                [-1.2, 1.0, -1.0, 1.2, -1.5, -2.0],
                [3.0, 1.9, 1.5, -3.0, 2.1, 3.0],
                [-0.3, -1.8, -2.1, 0.9, -1.7, -2.7],
                [2.2, 0.2, -1.6, 2.5, 0.4, 1.0],
            ]),
        [DynamixelSimulationModels.ViperX300s] = new(
            DynamixelArms.ViperX300s, DynamixelSimulationModels.ViperX300sJoints, DynamixelSimulationModels.ViperX300sRestPose,
            DynamixelSimulationModels.CreateViperX300s, DynamixelServoMotors.Xm540W270,
            Goal: [0.4, -0.5, 0.6, 0.3, 0.5, -0.4, 0.45],
            Configurations:
            [
                [0, 0, 0, 0, 0, 0],
                [0.5, -0.4, 0.7, -0.3, 1.2, 0.4],
                [-1.2, 1.0, -1.0, 1.2, -1.5, -2.0],
                [3.0, 1.2, 1.5, -3.0, 2.2, 3.0],
                [-0.3, -1.8, -1.7, 0.9, -1.8, -2.7],
                [2.2, 0.2, -1.6, 2.5, 0.4, 1.0],
            ]),
        [DynamixelSimulationModels.KochFollower] = new(
            DynamixelArms.KochFollower, DynamixelSimulationModels.KochFollowerJoints, DynamixelSimulationModels.KochFollowerRestPose,
            DynamixelSimulationModels.CreateKochFollower, DynamixelServoMotors.Xl330M288,
            Goal: [0.4, -0.2, -0.3, 0.3, 0.5, 0.3],
            Configurations:
            [
                [0, 0, 0, 0, 0],
                [0.5, -0.4, 0.7, -0.3, 1.2],
                [-1.2, 1.0, -1.0, 1.2, -1.5],
                [3.0, 1.9, 1.5, -3.0, 2.1],
                [-0.3, -1.8, -2.1, 0.9, -1.7],
                [2.2, 0.2, -1.6, 2.5, 0.4],
            ]),
    };

    [Theory]
    [InlineData("wx250s")]
    [InlineData("vx300s")]
    [InlineData("koch")]
    public void TheWorld_Loads_WithTheDriversJointsActuatorsCubesAndCameras(string name)
    {
        VirtualDynamixelArm virtualArm = Arms[name];
        using MujocoModel model = SimulationModels.Load(name);

        Assert.Contains(name, SimulationModels.Names);
        DynamixelArm arm = virtualArm.Arm;
        Assert.Equal(arm.Joints.Count, virtualArm.JointNames.Count);
        Assert.Equal(arm.Joints.Count, virtualArm.RestPose.Count);
        for (int i = 0; i < arm.Joints.Count; i++)
        {
            DynamixelJoint driverJoint = arm.Joints[i];
            Assert.Equal(driverJoint.Name, virtualArm.JointNames[i]);
            MujocoJoint joint = model.Joints[model.GetJointIndex(driverJoint.Name)];
            Assert.Equal(MujocoJointType.Hinge, joint.Type);
            Assert.True(joint.IsLimited);

            // The Koch's gripper joint is limited to the gripper's travel, not the driver's full turn.
            bool isKochGripper = name == DynamixelSimulationModels.KochFollower && driverJoint.Name == arm.Gripper!.JointName;
            Assert.Equal(isKochGripper ? arm.Gripper!.ClosedPosition : driverJoint.Limits.MinPosition, joint.RangeMinimum, 1e-5);
            Assert.Equal(isKochGripper ? arm.Gripper!.OpenPosition : driverJoint.Limits.MaxPosition, joint.RangeMaximum, 1e-5);
            Assert.Contains(model.Actuators, actuator => actuator.JointIndex == joint.Index);
        }

        Assert.Equal(3, model.Joints.Count(joint => joint.Type == MujocoJointType.Free));
        // The WidowX 250s also has the touch-cube task's overhead camera.
        Assert.Equal(name == "wx250s" ? ["scene", "overhead", "wrist"] : ["scene", "wrist"], model.CameraNames);
        Assert.True(model.GetBodyIndex("tool") > 0);
        Assert.Equal(0.002, model.TimestepSeconds);
    }

    [Theory]
    [InlineData("wx250s", 6)]
    [InlineData("vx300s", 6)]
    [InlineData("koch", 5)]
    public void TheToolBody_IsTheDriversToolPoint_AtEveryConfiguration_Within1Micrometre(string name, int armJoints)
    {
        VirtualDynamixelArm virtualArm = Arms[name];
        using MujocoModel model = SimulationModels.Load(name);
        using var simulation = new MujocoSimulation(model);
        var chain = new SerialChain(virtualArm.Arm.Description);
        Assert.Equal(armJoints, chain.JointCount);

        foreach (double[] configuration in virtualArm.Configurations)
        {
            for (int i = 0; i < configuration.Length; i++)
            {
                simulation.SetJointPosition(virtualArm.JointNames[i], configuration[i]);
            }

            simulation.Forward();
            Pose simulated = simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool");
            Pose expected = chain.ForwardKinematics(configuration);

            double error = (simulated.Position - expected.Position).Length;
            Assert.True(error < 1e-6, $"At [{string.Join(", ", configuration)}] the tool is {error * 1000:F4} mm from the driver's forward kinematics.");
            Assert.True(simulated.Orientation.AngleTo(expected.Orientation) < 1e-5, $"At [{string.Join(", ", configuration)}] the tool is turned {simulated.Orientation.AngleTo(expected.Orientation)} rad from the driver's.");
        }
    }

    [Theory]
    [InlineData("wx250s")]
    [InlineData("vx300s")]
    [InlineData("koch")]
    public void ServosTrackAGoal_InManualSteps_Within0Point01RadianAfter3Seconds_AndHoldIt(string name)
    {
        VirtualDynamixelArm virtualArm = Arms[name];
        using VirtualWorld world = virtualArm.Create(null);
        MujocoJointBackend joints = world.Joints;
        Assert.Same(virtualArm.Servo, joints.GetServo(0));
        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            joints.SetTorqueEnabled(joint, true);
            joints.SetGoalPosition(joint, virtualArm.Goal[joint]);
        }

        world.StepFor(3.0);

        for (int joint = 0; joint < joints.JointCount; joint++)
        {
            double error = joints.GetPresentPosition(joint) - virtualArm.Goal[joint];
            output.WriteLine($"{joints.JointNames[joint]}: error {error:F5} rad, velocity {joints.GetPresentVelocity(joint):F5} rad/s, torque {joints.GetMotorTorque(joint):F3} N m");
            Assert.True(Math.Abs(error) < 0.01, $"{joints.JointNames[joint]} is {error:F4} rad from its goal");
            Assert.True(Math.Abs(joints.GetPresentVelocity(joint)) < 0.01, $"{joints.JointNames[joint]} still moves");
        }
    }

    [Theory]
    [InlineData("wx250s", 0.015, 0.037, 0.0200522)]
    [InlineData("vx300s", 0.021, 0.057, 0.0295202)]
    public void TheFingers_FollowTheGripperServo_OverTheUrdfsFingerTravel(string name, double closedFinger, double openFinger, double fingerAtZero)
    {
        VirtualDynamixelArm virtualArm = Arms[name];
        DynamixelGripper gripper = virtualArm.Arm.Gripper!;
        int gripperJoint = virtualArm.Arm.IndexOf(gripper.JointName);
        using VirtualWorld world = virtualArm.Create(null);
        MujocoJointBackend joints = world.Joints;
        joints.SetTorqueEnabled(gripperJoint, true);
        foreach ((double goal, double finger) in new[] { (gripper.OpenPosition, openFinger), (gripper.ClosedPosition, closedFinger), (0.0, fingerAtZero) })
        {
            joints.SetGoalPosition(gripperJoint, goal);
            world.StepFor(1.5);
            double left = world.Access(simulation => simulation.GetJointPosition("left_finger")) + fingerAtZero;
            double right = world.Access(simulation => simulation.GetJointPosition("right_finger")) + fingerAtZero;
            output.WriteLine($"gripper {joints.GetPresentPosition(gripperJoint):F4} rad: fingers {left * 1000:F2} and {right * 1000:F2} mm from the centre line");
            Assert.Equal(goal, joints.GetPresentPosition(gripperJoint), 0.02);
            Assert.Equal(finger, left, 0.001);
            Assert.Equal(finger, right, 0.001);
        }
    }

    [Fact]
    public void TheKochJaw_OpensAndCloses_OverTheDriversGripperRange()
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

    [Theory]
    [InlineData("wx250s")]
    [InlineData("vx300s")]
    [InlineData("koch")]
    public void ALimpArm_StaysAtItsRestPose(string name)
    {
        VirtualDynamixelArm virtualArm = Arms[name];
        using VirtualWorld world = virtualArm.Create(null);

        world.StepFor(1.0);

        for (int joint = 0; joint < world.Joints.JointCount; joint++)
        {
            double present = world.Joints.GetPresentPosition(joint);
            output.WriteLine($"{world.Joints.JointNames[joint]}: {present:F4} rad");
            Assert.False(world.Joints.IsTorqueEnabled(joint));
            Assert.Equal(virtualArm.RestPose[joint], present, 0.02);
        }
    }

    [Theory]
    [InlineData("wx250s")]
    [InlineData("vx300s")]
    [InlineData("koch")]
    public void TheArmsServo_IsUsedUnlessTheOptionsNameAnother(string name)
    {
        VirtualDynamixelArm virtualArm = Arms[name];
        using VirtualWorld seeded = virtualArm.Create(new VirtualWorldOptions { Seed = 3 });
        using VirtualWorld other = virtualArm.Create(new VirtualWorldOptions { Servo = ServoMotorModel.Sts3215 with { PositionGain = 50 } });

        Assert.Same(virtualArm.Servo, seeded.Joints.GetServo(0));
        Assert.All(Enumerable.Range(0, other.Joints.JointCount), joint => Assert.Equal(50, other.Joints.GetServo(joint).PositionGain));
    }
}

/// <summary>A virtual Dynamixel arm as the tests use it.</summary>
internal sealed record VirtualDynamixelArm(
    DynamixelArm Arm,
    IReadOnlyList<string> JointNames,
    IReadOnlyList<double> RestPose,
    Func<VirtualWorldOptions?, VirtualWorld> Create,
    ServoMotorModel Servo,
    double[] Goal,
    double[][] Configurations);
