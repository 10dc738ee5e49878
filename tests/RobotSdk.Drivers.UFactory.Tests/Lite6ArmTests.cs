using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>The arm's description: joints, limits, gripper, and forward kinematics checked by hand.</summary>
public sealed class Lite6ArmTests
{
    private static readonly SerialChain Chain = new(Lite6Arm.CreateDescription());

    [Fact]
    public void TheDescription_IsConsistent_SixRevoluteJointsAndAPrismaticGripper()
    {
        RobotDescription description = Lite6Arm.CreateDescription();

        Assert.Empty(description.Validate());
        Assert.Equal("lite6", description.Model);
        Assert.Equal(["joint1", "joint2", "joint3", "joint4", "joint5", "joint6", "gripper"], description.Joints.Select(joint => joint.Name));
        Assert.All(description.Joints.Take(6), joint => Assert.Equal(JointKind.Revolute, joint.Kind));
        Assert.Equal(JointKind.Prismatic, description.Joints[6].Kind);
        GripperDescription gripper = Assert.Single(description.Grippers);
        Assert.Equal(("gripper", 0, 0.0089), (gripper.JointName, gripper.ClosedPosition, gripper.OpenPosition));
        Assert.Null(gripper.MaxWidthMeters);
        Assert.Equal([CommandMode.Position], description.CommandModes);
    }

    [Fact]
    public void TheDriversIdentity_IsTheControlBoxAddress_WithoutThePort()
    {
        using var driver = new Lite6Driver("192.168.1.185");
        using var forwarded = new Lite6Driver("192.168.1.185", 5020);
        using var other = new Lite6Driver("192.168.1.186");

        Assert.Equal("lite6 at 192.168.1.185", driver.Description.Identity);
        Assert.Equal(driver.Description.Identity, forwarded.Description.Identity);
        Assert.Equal("lite6 at 192.168.1.186", other.Description.Identity);
        Assert.Empty(driver.Description.Validate());
    }

    [Theory]
    // The SDK's XCONF.Robot.JOINT_LIMITS for the Lite 6 (XARM6_X9), equal to the URDF's.
    [InlineData(0, -2 * Math.PI, 2 * Math.PI)]
    [InlineData(1, -2.6179938779914944, 2.6179938779914944)]
    [InlineData(2, -0.061086523819801536, 5.235987755982989)]
    [InlineData(3, -2 * Math.PI, 2 * Math.PI)]
    [InlineData(4, -2.1642082724729685, 2.1642082724729685)]
    [InlineData(5, -2 * Math.PI, 2 * Math.PI)]
    public void JointLimits_AreTheVendors(int joint, double min, double max)
    {
        JointLimits limits = Lite6Arm.LimitsOf(joint);

        Assert.Equal((min, max), (limits.MinPosition, limits.MaxPosition));
        Assert.Equal(3.14, limits.MaxVelocity);
    }

    [Fact]
    public void AtZero_TheArmIsFolded_WithTheToolPointingDown()
    {
        // By hand from the URDF: joint2 stands the upper arm up (0.2002 above the shoulder at 0.2435),
        // joint3 folds the forearm back down: 0.087 forward, then 0.22761 (forearm) + 0.0625 (wrist)
        // + 0.0836 (gripper TCP) down. Tool at (0.087, 0, 0.2435 + 0.2002 - 0.22761 - 0.0625 - 0.0836).
        Pose tool = Chain.ForwardKinematics([0, 0, 0, 0, 0, 0]);

        AssertPosition(new Vector3D(0.087, 0, 0.06999), tool.Position);
        AssertDirection(new Vector3D(0, 0, -1), tool.Orientation.Rotate(new Vector3D(0, 0, 1)));
    }

    [Fact]
    public void Joint2AtPlus90Degrees_LeansTheUpperArmForward()
    {
        // Everything after joint2 turns 90 degrees about the shoulder's Y: the upper arm lies along +X
        // (elbow at x 0.2002, z 0.2435), the forearm offset 0.087 points down and the forearm, wrist and
        // tool (0.37371 in all) point back along -X: tool at (0.2002 - 0.37371, 0, 0.2435 - 0.087).
        Pose tool = Chain.ForwardKinematics([0, Math.PI / 2, 0, 0, 0, 0]);

        AssertPosition(new Vector3D(-0.17351, 0, 0.1565), tool.Position);
        AssertDirection(new Vector3D(-1, 0, 0), tool.Orientation.Rotate(new Vector3D(0, 0, 1)));
    }

    [Fact]
    public void Joint3AtPlus90Degrees_StretchesTheForearmForward()
    {
        // The upper arm stays up (elbow at z 0.4437); the forearm offset 0.087 now points up and the
        // forearm, wrist and tool (0.37371) point forward along +X.
        Pose tool = Chain.ForwardKinematics([0, 0, Math.PI / 2, 0, 0, 0]);

        AssertPosition(new Vector3D(0.37371, 0, 0.5307), tool.Position);
        AssertDirection(new Vector3D(1, 0, 0), tool.Orientation.Rotate(new Vector3D(0, 0, 1)));
    }

    [Fact]
    public void Joint1_TurnsTheWholeArmAboutTheVerticalAxis()
    {
        Pose tool = Chain.ForwardKinematics([Math.PI / 2, 0, Math.PI / 2, 0, 0, 0]);

        AssertPosition(new Vector3D(0, 0.37371, 0.5307), tool.Position);
    }

    private static void AssertPosition(Vector3D expected, Vector3D actual)
    {
        // 0.1 mm: the URDF's rotations are written to 4 decimals (1.5708, 3.1416).
        Assert.Equal(expected.X, actual.X, 1e-4);
        Assert.Equal(expected.Y, actual.Y, 1e-4);
        Assert.Equal(expected.Z, actual.Z, 1e-4);
    }

    private static void AssertDirection(Vector3D expected, Vector3D actual)
    {
        Assert.Equal(expected.X, actual.X, 1e-3);
        Assert.Equal(expected.Y, actual.Y, 1e-3);
        Assert.Equal(expected.Z, actual.Z, 1e-3);
    }
}
