using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>Create resolves every name once and reports every problem at once, with manifest paths and what the robot offers.</summary>
public sealed class AdapterCreationTests
{
    [Fact]
    public void Create_ListsEveryProblem_WithPathsAndTheRobotsNames()
    {
        PolicyManifest manifest = TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointAbsolute, [new ActionJoint(0, "waist"), new ActionJoint(1, "elbow_flex"), new ActionJoint(2, "gripper")], [new ActionGripper(3, "claw", 0, 1)]),
            new StateInput("state", ["elbow_flex", "tool.x", "gripper.width", "knee"], null));
        RobotDescription withoutKinematics = TestArms.Describe("so101") with { Kinematics = null };
        using Robot robot = TestArms.Create("so101", description: withoutKinematics);

        var error = Assert.Throws<EmbodimentException>(() => EmbodimentAdapter.Create(manifest, robot));

        Assert.Equal(
            [
                "$.actions.joints[0].joint: 'waist' is not an arm joint of robot 'so101'.",
                "$.actions.joints[2].joint: 'gripper' is not an arm joint of robot 'so101' (it is a joint of the robot, but not of its arm group).",
                "$.actions.grippers[0].gripper: 'claw' is not a gripper of robot 'so101'.",
                "$.inputs.state[0].joints[1]: 'tool.x' is computed through the arm's kinematics, and model 'so101' describes none.",
                "$.inputs.state[0].joints[3]: 'knee' is not an arm joint, gripper, gripper width or tool value of robot 'so101'.",
            ],
            error.Problems);
        Assert.Contains("5 problems:", error.Message, StringComparison.Ordinal);
        Assert.Contains("offers arm joints: shoulder_pan, shoulder_lift, elbow_flex, wrist_flex, wrist_roll; grippers: gripper; gripper widths: gripper.width, gripper.left_finger, gripper.right_finger; tool values: none (no kinematics)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RefusesEndEffectorActionsOnAnArmWithoutKinematics_AndAnInconsistentManifest()
    {
        PolicyManifest positionOnly = TestManifests.PositionOnly();
        PolicyManifest inconsistent = positionOnly with { Actions = positionOnly.Actions with { Dimensions = 5, ModelDimensions = 5 } };
        RobotDescription withoutKinematics = TestArms.Describe("wx250s") with { Kinematics = null };
        using Robot robot = TestArms.Create("wx250s", description: withoutKinematics);

        var error = Assert.Throws<EmbodimentException>(() => EmbodimentAdapter.Create(inconsistent, robot));

        Assert.Contains("$.actions: dimension 4 is not described by any joint, gripper, end_effector or unused entry.", error.Problems);
        Assert.Contains("$.actions.end_effector: end-effector actions need the arm's kinematics, and model 'wx250s' describes none.", error.Problems);
        Assert.Contains("tool values: none (no kinematics)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureAndMap_RefuseAnAnchorOrSpansSizedForAnotherRobot()
    {
        using Robot robot = TestArms.Create("so101");
        PolicyManifest manifest = TestManifests.PositionOnly();
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);

        Assert.Throws<ArgumentException>(() => adapter.CaptureState(new PolicyObservation(manifest.Inputs), new ActionAnchor(6, 1)));
        Assert.Throws<ArgumentException>(() => adapter.TryMapAction([0, 0, 0, 0], adapter.CreateAnchor(), new double[6], new double[1], out _));
        Assert.Throws<ArgumentException>(() => adapter.TryMapAction([0, 0, 0], adapter.CreateAnchor(), new double[5], new double[1], out _));
        Assert.Equal((5, 1, 4), (adapter.ArmJointCount, adapter.GripperCount, adapter.ActionDimensions));
    }
}
