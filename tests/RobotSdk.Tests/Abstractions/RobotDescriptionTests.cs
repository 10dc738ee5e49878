using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Tests.Abstractions;

public sealed class RobotDescriptionTests
{
    private static readonly JointLimits Limits = new(-1, 1, 2, 10);

    [Fact]
    public void Validate_FindsNothing_InTheDemoArm()
    {
        Assert.Empty(DemoArm.Description.Validate());
    }

    [Fact]
    public void Validate_ReportsAJointThatAppearsTwice()
    {
        var description = new RobotDescription("twin", [Joint("elbow"), Joint("wrist"), Joint("elbow")]);

        Assert.Equal(["joint 'elbow' appears twice"], description.Validate());
    }

    [Fact]
    public void Validate_ReportsAGripperNamingAnUnknownJoint()
    {
        var description = new RobotDescription("clawless", [Joint("elbow")])
        {
            Grippers = [new GripperDescription("claw", "finger", 0, 1)],
        };

        Assert.Equal(["gripper 'claw' names unknown joint 'finger'"], description.Validate());
    }

    [Fact]
    public void Validate_ReportsAKinematicJointNamingAnUnknownJoint()
    {
        var description = new RobotDescription("ghost", [Joint("elbow")])
        {
            Kinematics = new KinematicChainDescription(
                [new KinematicJoint("knee", JointKind.Revolute, Pose.Identity, new Vector3D(0, 0, 1))],
                Pose.Identity),
        };

        Assert.Equal(["kinematic chain names unknown joint 'knee'"], description.Validate());
    }

    [Fact]
    public void Validate_ReportsContradictoryLimits_WithTheJointName()
    {
        var description = new RobotDescription("bent", [new JointDescription("elbow", JointKind.Revolute, new JointLimits(1, -1, 2, 10))]);

        string problem = Assert.Single(description.Validate());
        Assert.StartsWith("joint 'elbow': MinPosition 1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblem_NotJustTheFirst()
    {
        var description = new RobotDescription("messy", [Joint("a"), Joint("a")])
        {
            Grippers = [new GripperDescription("g", "missing", 0, 1)],
        };

        Assert.Equal(2, description.Validate().Count);
    }

    [Fact]
    public void Validate_ReportsAModelWithoutJoints()
    {
        Assert.Equal(["model 'empty' has no joints"], new RobotDescription("empty", []).Validate());
    }

    [Fact]
    public void IndexOf_FindsJointsByExactName()
    {
        Assert.Equal(2, DemoArm.Description.IndexOf("elbow_flex"));
        Assert.Equal(-1, DemoArm.Description.IndexOf("Elbow_Flex"));
    }

    [Fact]
    public void Identity_IsTheModel_WhenTheDriverCannotTellArmsApart()
    {
        var description = new RobotDescription("anonymous-arm", [Joint("elbow")]);

        Assert.Equal("anonymous-arm", description.Identity);
        Assert.Equal("unit 7", (description with { Identity = "unit 7" }).Identity);
    }

    [Fact]
    public void Validate_ReportsAnEmptyIdentity()
    {
        var description = new RobotDescription("blank", [Joint("elbow")]) { Identity = " " };

        Assert.Equal(["model 'blank' has an empty Identity (leave it unset to identify the arm by its model)"], description.Validate());
    }

    private static JointDescription Joint(string name) => new(name, JointKind.Revolute, Limits);
}
