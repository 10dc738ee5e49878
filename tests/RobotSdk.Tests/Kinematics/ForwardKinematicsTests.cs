using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;

namespace RobotSdk.Tests.Kinematics;

public sealed class ForwardKinematicsTests
{
    private readonly SerialChain _chain = new(DemoArm.Description);

    [Fact]
    public void ForwardKinematics_PutsToolAtHandComputedPoint_AtZeroPose()
    {
        Pose tool = _chain.ForwardKinematics([0, 0, 0, 0, 0]);

        // x: forearm 0.135 + wrist 0.06 + tool 0.09; z: base 0.10 + shoulder 0.05 + upper arm 0.116.
        Assert.Equal(0.285, tool.Position.X, 12);
        Assert.Equal(0.0, tool.Position.Y, 12);
        Assert.Equal(0.266, tool.Position.Z, 12);
        Assert.Equal(0.0, tool.Orientation.AngleTo(Rotation.Identity), 9);
    }

    [Fact]
    public void ForwardKinematics_PointsForearmDownAlongY_WhenPanAndLiftAreQuarterTurns()
    {
        // Pan a quarter turn: the arm's plane is the Y-Z plane. Lift a quarter turn: the upper
        // arm lies along +Y at shoulder height (0.15), the forearm and hand hang straight down.
        Pose tool = _chain.ForwardKinematics([Math.PI / 2, Math.PI / 2, 0, 0, 0]);

        Assert.Equal(0.0, tool.Position.X, 12);
        Assert.Equal(0.116, tool.Position.Y, 12);
        Assert.Equal(0.15 - 0.285, tool.Position.Z, 12);
    }

    [Fact]
    public void ForwardKinematics_MatchesPlaneTrigonometry_ForABentPose()
    {
        double[] q = [0.5, 0.3, -0.4, 0.2, 0.7];

        Pose tool = _chain.ForwardKinematics(q);
        Pose expected = DemoArmGeometry.ToolPose(q);

        Assert.True(DemoArmGeometry.Distance(expected.Position, tool.Position) < 1e-12, $"tool at {tool.Position}, expected {expected.Position}");
        Assert.True(tool.Orientation.AngleTo(expected.Orientation) < 1e-7, $"orientation off by {tool.Orientation.AngleTo(expected.Orientation)} rad");
    }

    [Fact]
    public void ForwardKinematics_MatchesPlaneTrigonometry_AtRandomPoses()
    {
        var random = new Random(1234);
        for (int sample = 0; sample < 200; sample++)
        {
            double[] q = DemoArmGeometry.RandomPose(random, fraction: 1.0);

            Pose tool = _chain.ForwardKinematics(q);
            Pose expected = DemoArmGeometry.ToolPose(q);

            Assert.True(DemoArmGeometry.Distance(expected.Position, tool.Position) < 1e-12, $"sample {sample}: tool at {tool.Position}, expected {expected.Position}");
            Assert.True(tool.Orientation.AngleTo(expected.Orientation) < 1e-7, $"sample {sample}: orientation off by {tool.Orientation.AngleTo(expected.Orientation)} rad");
        }
    }

    [Fact]
    public void ToolPosition_EqualsForwardKinematicsPosition()
    {
        double[] q = [-0.8, 0.4, 0.9, -1.1, 2.0];

        Assert.Equal(_chain.ForwardKinematics(q).Position, _chain.ToolPosition(q));
    }

    [Fact]
    public void ForwardKinematics_AppliesTheBaseTransform()
    {
        KinematicChainDescription moved = DemoArm.Description.Kinematics! with
        {
            Base = new Pose(new Vector3D(1, 2, 3), Rotation.FromAxisAngle(new Vector3D(0, 0, 1), Math.PI / 2)),
        };
        var chain = new SerialChain(moved, DemoArm.Description);

        Vector3D tool = chain.ToolPosition([0, 0, 0, 0, 0]);

        // The base turned a quarter about Z maps the arm's +X reach onto world +Y.
        Assert.True(DemoArmGeometry.Distance(new Vector3D(1, 2.285, 3.266), tool) < 1e-12, $"tool at {tool}");
    }

    [Fact]
    public void Chain_MapsItsJointsOntoTheDriverFrame()
    {
        Assert.Equal(5, _chain.JointCount);
        Assert.Equal(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll"], _chain.JointNames);
        Assert.Equal([0, 1, 2, 3, 4], _chain.FrameIndices);
    }

    [Fact]
    public void ForwardKinematics_ThrowsNamingTheJoints_WhenSpanHasWrongLength()
    {
        var exception = Assert.Throws<ArgumentException>(() => _chain.ForwardKinematics([0, 0, 0, 0, 0, 0]));

        Assert.Contains("shoulder_pan", exception.Message, StringComparison.Ordinal);
        Assert.Contains("wrist_roll", exception.Message, StringComparison.Ordinal);
        Assert.Contains("6", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Throws_WhenTheChainNamesAnUnknownJoint()
    {
        KinematicChainDescription chain = DemoArm.Description.Kinematics!;
        var broken = chain with
        {
            Joints = [.. chain.Joints.Take(4), chain.Joints[4] with { JointName = "wrist_twist" }],
        };

        var exception = Assert.Throws<ArgumentException>(() => new SerialChain(broken, DemoArm.Description));

        Assert.Contains("wrist_twist", exception.Message, StringComparison.Ordinal);
    }
}
