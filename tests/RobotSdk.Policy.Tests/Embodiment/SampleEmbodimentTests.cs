using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>The standard embodiments in samples/PolicyManifests run on the arms they are written for.</summary>
public sealed class SampleEmbodimentTests
{
    [Fact]
    public void AlohaLeftArm_DrivesTheWidowXFromIndices0To6_AndIgnores7To13()
    {
        PolicyManifest manifest = TestManifests.Sample("aloha-left-wx250s.json");
        double[] measured = [0.1, -0.96, 1.16, 0.2, -0.3, 0.4];
        using Robot robot = TestArms.Create("wx250s", measured, gripperOpenFraction: 0.6);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(observation, anchor);
        float[] action = [0.5f, -0.5f, 0.8f, 0.1f, 0.2f, 0.3f, 0.25f, float.NaN, 99, -99, float.PositiveInfinity, 0, 0, 0];
        var targets = new double[6];
        var grippers = new double[1];

        Assert.True(adapter.TryMapAction(action, anchor, targets, grippers, out string? problem), problem);

        Assert.Equal([0.5, -0.5, 0.8, 0.1, 0.2, 0.3], targets, JointMappingTests.DoubleComparer(1e-6));
        Assert.Equal(0.25, grippers[0], 6);
        Assert.Equal(14, observation.State[0].Length);
        Assert.Equal([0.1f, -0.96f, 1.16f, 0.2f, -0.3f, 0.4f, 0.6f], observation.State[0][..7], JointMappingTests.FloatComparer(1e-5f));
        Assert.Equal([0f, -0.96f, 1.16f, 0f, -0.3f, 0f, 0.1f], observation.State[0][7..], JointMappingTests.FloatComparer(1e-6f));
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void DroidJointVelocities_DriveTheArmsJoints_TheMissingPandaJointsUnused(string arm)
    {
        PolicyManifest manifest = TestManifests.Sample($"droid-{arm}.json");
        using Robot robot = TestArms.Create(arm, gripperOpenFraction: 1);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(observation, anchor);
        var targets = new double[adapter.ArmJointCount];
        var grippers = new double[1];

        // 1.5 rad/s on every Panda joint for one 15 Hz period: 0.1 rad, signed per joint; joints 3 (and 5 on the SO-101) have no counterpart.
        Assert.True(adapter.TryMapAction([1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1], anchor, targets, grippers, out string? problem), problem);

        double[] expected = arm == "so101" ? [-0.1, 0.1, -0.1, -0.1, -0.1] : [0.1, 0.1, -0.1, 0.1, -0.1, 0.1];
        Assert.Equal(expected, targets, JointMappingTests.DoubleComparer(1e-6));
        Assert.Equal(0, grippers[0]); // DROID's 1 is closed
        // At the arm's zero the Panda reads its own angles for the same link geometry: elbow at -90 degrees, wrist at 180, hand square at 45.
        float[] expectedState = arm == "so101"
            ? [0, 0, 0, -(float)(Math.PI / 2), 0, (float)Math.PI, (float)(Math.PI / 4)]
            : [0, 0, 0, -(float)(Math.PI / 2), 0, (float)Math.PI, (float)(Math.PI / 4)];
        Assert.Equal(expectedState, observation.State[0], JointMappingTests.FloatComparer(1e-6f));
        Assert.Equal(0f, observation.State[1][0]); // open
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void DroidJointMap_PutsThePandasReadyPose_AsAHandPointingDownOverAFlatForearm(string arm)
    {
        // The sample's signs and offsets read as positions: the Panda's ready pose
        // (0, -45, 0, -135, 0, 90, 45 degrees) has its forearm level and its hand pointing down.
        PolicyManifest sample = TestManifests.Sample($"droid-{arm}.json");
        PolicyManifest positions = sample with { Actions = sample.Actions with { Kind = ActionSpaceKind.JointAbsolute } };
        using Robot robot = TestArms.Create(arm);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(positions, robot);
        var targets = new double[adapter.ArmJointCount];
        float[] ready = [0, -(float)(Math.PI / 4), 0, -(float)(3 * Math.PI / 4), 0, (float)(Math.PI / 2), (float)(Math.PI / 4), 0];

        Assert.True(adapter.TryMapAction(ready, adapter.CreateAnchor(), targets, new double[1], out string? problem), problem);

        Geometry.Pose tool = robot.Kinematics!.ForwardKinematics(targets);
        // The approach axis: the WidowX's tool x, the SO-101's tool z (LeRobot's gripper frame).
        Geometry.Vector3D approach = tool.Orientation.Rotate(arm == "wx250s" ? new Geometry.Vector3D(1, 0, 0) : new Geometry.Vector3D(0, 0, 1));
        Assert.True(approach.Z < -0.9, $"the hand points along {approach}, not down");
        for (int j = 0; j < targets.Length; j++)
        {
            Assert.InRange(targets[j], robot.Arm.Joints[j].Limits.MinPosition, robot.Arm.Joints[j].Limits.MaxPosition);
        }
    }
}
