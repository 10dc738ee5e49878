using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Drivers.AgileX.Tests;

public sealed class PiperArmTests
{
    [Fact]
    public void TheDescription_HasSixRevoluteJointsAndAPrismaticGripper_AndIsConsistent()
    {
        RobotDescription description = PiperArm.Description;

        Assert.Equal("piper", description.Model);
        Assert.Equal(["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", "gripper"], description.Joints.Select(joint => joint.Name));
        Assert.All(description.Joints.Take(6), joint => Assert.Equal(JointKind.Revolute, joint.Kind));
        Assert.Equal(JointKind.Prismatic, description.Joints[6].Kind);
        Assert.Empty(description.Validate());
        Assert.Equal([CommandMode.Position], description.CommandModes);
    }

    [Theory]
    [InlineData(0, -150, 150)]
    [InlineData(1, 0, 180)]
    [InlineData(2, -170, 0)]
    [InlineData(3, -100, 100)]
    [InlineData(4, -70, 70)]
    [InlineData(5, -120, 120)]
    public void JointLimits_AreThoseOfPiperSdk(int joint, double minDegrees, double maxDegrees)
    {
        JointLimits limits = PiperArm.Description.Joints[joint].Limits;

        // piper_sdk writes them in radians to 2-5 decimals (3.14 for 180 degrees, 1.22 for 70).
        Assert.Equal(minDegrees, limits.MinPosition * 180 / Math.PI, 0.15);
        Assert.Equal(maxDegrees, limits.MaxPosition * 180 / Math.PI, 0.15);
        Assert.Equal(5.0, limits.MaxAcceleration);
    }

    [Fact]
    public void TheGripper_OpensFromZeroTo70Millimetres_WithItsWidthKnown()
    {
        GripperDescription gripper = Assert.Single(PiperArm.Description.Grippers);
        JointLimits limits = PiperArm.Description.Joints[PiperArm.GripperJointIndex].Limits;

        Assert.Equal("gripper", gripper.JointName);
        Assert.Equal(0, gripper.ClosedPosition);
        Assert.Equal(0.07, gripper.OpenPosition);
        Assert.Equal(0.07, gripper.MaxWidthMeters);
        Assert.Equal((0, 0.07), (limits.MinPosition, limits.MaxPosition));
    }

    [Theory]
    [InlineData(100, 3.0)]
    [InlineData(50, 1.5)]
    [InlineData(10, 0.3)]
    public void TheArmJointsSpeedLimit_ScalesWithTheSpeedPercent(int percent, double radiansPerSecond)
    {
        RobotDescription description = PiperArm.CreateDescription(percent);

        Assert.All(description.Joints.Take(6), joint => Assert.Equal(radiansPerSecond, joint.Limits.MaxVelocity, 1e-12));
        Assert.Equal(0.1, description.Joints[6].Limits.MaxVelocity);
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperArm.CreateDescription(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PiperArm.CreateDescription(101));
    }

    // Tool positions computed independently from piper_description.urdf (agilexrobotics/Piper_ros
    // 4f22c61): the URDF's joint origins (xyz, then rpy as Rz*Ry*Rx), rotations about the joint axes,
    // then joint7's origin (0, 0, 0.13503) as the tool point, with numpy.
    [Theory]
    [InlineData(0, 0, 0, 0, 0, 0, 0.190332, 0.001415, 0.195471)]
    [InlineData(0, Math.PI / 2, -Math.PI / 2, 0, 0, 0, 0.502636, 0.001414, 0.450325)]
    [InlineData(0.3, 1.2, -1.0, 0.4, -0.5, 0.6, 0.362446, 0.150439, 0.450479)]
    [InlineData(-0.8, 0.6, -1.6, -0.7, 0.9, -1.2, 0.132615, 0.039427, 0.582659)]
    public void Kinematics_ReproduceTheUrdfToolPositions(double q1, double q2, double q3, double q4, double q5, double q6, double x, double y, double z)
    {
        var chain = new SerialChain(PiperArm.Description);

        Vector3D tool = chain.ToolPosition([q1, q2, q3, q4, q5, q6]);

        Assert.Equal(x, tool.X, 2e-6);
        Assert.Equal(y, tool.Y, 2e-6);
        Assert.Equal(z, tool.Z, 2e-6);
        Assert.Equal(["joint1", "joint2", "joint3", "joint4", "joint5", "joint6"], chain.JointNames);
    }

    [Fact]
    public void AtZero_TheArmIsFoldedAtRest_WithTheFlangeAbove_AndTheFingersPointingForward()
    {
        // The URDF's zero is the PiPER's rest pose: upper arm and forearm folded over the base, the
        // flange (joint 6) 55 mm in front of the base axis at 195 mm height, its axis along +X, so
        // the tool point lies 135.03 mm further along X at the same height.
        var chain = new SerialChain(PiperArm.Description);

        Pose tool = chain.ForwardKinematics([0, 0, 0, 0, 0, 0]);

        Pose flange = tool * PiperArm.Kinematics.Tool.Inverse();
        Assert.Equal(0.0553, flange.Position.X, 0.001);
        Assert.Equal(0.1955, flange.Position.Z, 0.001);
        Assert.Equal(1, flange.Orientation.Rotate(new Vector3D(0, 0, 1)).X, 1e-4);
        Assert.Equal(flange.Position.X + 0.13503, tool.Position.X, 1e-4);
        Assert.Equal(flange.Position.Z, tool.Position.Z, 1e-4);
    }
}
