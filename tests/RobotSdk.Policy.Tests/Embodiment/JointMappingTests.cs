using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>Joint actions and joint state through per-joint sign and offset, and grippers through their closed..open range.</summary>
public sealed class JointMappingTests
{
    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void StateFedBackAsAnAbsoluteAction_TargetsTheMeasuredPositions(string arm)
    {
        using Robot probe = TestArms.Create(arm);
        double[] measured = TestArms.Configuration(probe, seed: 3);
        using Robot robot = TestArms.Create(arm, measured, gripperOpenFraction: 0.3);
        PolicyManifest manifest = AlternatingSignsAndOffsets(robot);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();

        adapter.CaptureState(observation, anchor);
        var targets = new double[adapter.ArmJointCount];
        var grippers = new double[adapter.GripperCount];
        bool mapped = adapter.TryMapAction(observation.State[0], anchor, targets, grippers, out string? problem);

        Assert.True(mapped, problem);
        for (int j = 0; j < measured.Length; j++)
        {
            Assert.Equal(measured[j], targets[j], 5); // float32 state
        }

        Assert.Equal(0.3, grippers[0], 5);
        Assert.NotEqual(measured[0], observation.State[0][0], 3); // the sign and offset did change the model's numbers
    }

    [Fact]
    public void SignAndOffset_MapModelValuesOntoJoints_AndStateBackwards()
    {
        using Robot robot = TestArms.Create("wx250s", [0.3, -0.2, 0.5, 0, 0, 0], gripperOpenFraction: 1);
        PolicyManifest manifest = TestManifests.Create(
            TestManifests.Joints(
                ActionSpaceKind.JointAbsolute,
                [new ActionJoint(0, "waist"), new ActionJoint(1, "shoulder", -1), new ActionJoint(2, "elbow", -1, -Math.PI / 2)],
                [new ActionGripper(3, "gripper", Closed: 1, Open: -1)]),
            new StateInput("state", ["waist", "shoulder", "elbow", "gripper"], null));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();

        adapter.CaptureState(observation, anchor);
        var targets = new double[6];
        var grippers = new double[1];
        Assert.True(adapter.TryMapAction([0.1f, 0.2f, -1.0f, 0.5f], anchor, targets, grippers, out _));

        // State: (robot - offset) / sign.
        Assert.Equal([0.3f, 0.2f, -(0.5f + (float)(Math.PI / 2)), -1f], observation.State[0], FloatComparer(1e-6f));
        // Action: sign * value + offset; unmapped joints hold the anchor; gripper 0.5 on a 1 (closed) .. -1 (open) scale is a quarter open.
        Assert.Equal([0.1, -0.2, 1.0 - (Math.PI / 2), 0, 0, 0], targets, DoubleComparer(1e-7));
        Assert.Equal(0.25, grippers[0], 9);
    }

    [Fact]
    public void Grippers_AreClampedToTheirRange_AndUndrivenGrippersAreNaN()
    {
        using Robot robot = TestArms.Create("so101");
        PolicyManifest driven = TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointAbsolute, [new ActionJoint(0, "shoulder_pan")], [new ActionGripper(1, "gripper", Closed: 0, Open: 0.04)]));
        PolicyManifest undriven = TestManifests.Create(TestManifests.Joints(ActionSpaceKind.JointAbsolute, [new ActionJoint(0, "shoulder_pan")], []));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(driven, robot);
        EmbodimentAdapter none = EmbodimentAdapter.Create(undriven, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(driven.Inputs), anchor);
        var targets = new double[5];
        var grippers = new double[1];

        double Map(float value)
        {
            Assert.True(adapter.TryMapAction([0, value], anchor, targets, grippers, out _));
            return grippers[0];
        }

        Assert.Equal([0, 0.5, 1, 0, 1], new[] { Map(0), Map(0.02f), Map(0.04f), Map(-0.5f), Map(7) }, DoubleComparer(1e-6));
        Assert.True(none.TryMapAction([0], anchor, targets, grippers, out _));
        Assert.True(double.IsNaN(grippers[0]));
    }

    [Fact]
    public void GripperState_IsTheModelsRange_OrTheOpenFraction_OrTheFingerWidth()
    {
        using Robot robot = TestArms.Create("wx250s", gripperOpenFraction: 0.25);
        PolicyManifest manifest = TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointAbsolute, [new ActionJoint(0, "waist")], [new ActionGripper(1, "gripper", Closed: 1, Open: 0)]),
            new StateInput("state", ["gripper", "gripper.width", "gripper.left_finger", "gripper.right_finger", "constant:-2.5"], null));
        PolicyManifest fractionOnly = TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointAbsolute, [new ActionJoint(0, "waist")], []),
            new StateInput("state", ["gripper"], null));
        var observation = new PolicyObservation(manifest.Inputs);
        var fraction = new PolicyObservation(fractionOnly.Inputs);

        EmbodimentAdapter.Create(manifest, robot).CaptureState(observation, new ActionAnchor(6, 1));
        EmbodimentAdapter.Create(fractionOnly, robot).CaptureState(fraction, new ActionAnchor(6, 1));

        double width = 0.25 * DynamixelWidth;
        Assert.Equal([0.75f, (float)width, (float)(width / 2), (float)(-width / 2), -2.5f], observation.State[0], FloatComparer(1e-6f));
        Assert.Equal(0.25f, fraction.State[0][0], 6);
    }

    [Fact]
    public void JointDelta_AddsSignedValuesToTheAnchorPositions()
    {
        double[] measured = [0.1, 0.2, -0.3, 0.4, -0.5];
        using Robot robot = TestArms.Create("so101", measured);
        PolicyManifest manifest = TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointDelta, [new ActionJoint(0, "shoulder_pan", -1, 5), new ActionJoint(1, "elbow_flex", 1, 5)], []),
            new StateInput("state", ["shoulder_pan", "elbow_flex"], null));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        var targets = new double[5];

        Assert.True(adapter.TryMapAction([0.05f, -0.1f], anchor, targets, new double[1], out _));

        Assert.Equal([0.1 - 0.05, 0.2, -0.3 - 0.1, 0.4, -0.5], targets, DoubleComparer(1e-7));
    }

    [Fact]
    public void JointVelocity_IntegratesOneControlPeriodOntoThePreviousTarget()
    {
        using Robot robot = TestArms.Create("wx250s", [0, 0, 0, 0, 0, 0]);
        PolicyManifest manifest = TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointVelocity, [new ActionJoint(0, "waist", -1), new ActionJoint(1, "elbow")], [], rateHertz: 10),
            new StateInput("state", ["waist", "elbow"], null));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        var targets = new double[6];

        Assert.True(adapter.TryMapAction([1f, 0.5f], anchor, targets, new double[1], out _));
        Assert.Equal([-0.1, 0, 0.05, 0, 0, 0], targets, DoubleComparer(1e-7));
        Assert.True(adapter.TryMapAction([1f, 0.5f], anchor, targets, new double[1], out _));
        Assert.Equal([-0.2, 0, 0.1, 0, 0, 0], targets, DoubleComparer(1e-7));

        adapter.ResetVelocityIntegration();
        Assert.True(adapter.TryMapAction([1f, 0.5f], anchor, targets, new double[1], out _));
        Assert.Equal([-0.1, 0, 0.05, 0, 0, 0], targets, DoubleComparer(1e-7));
    }

    [Fact]
    public void NonFiniteAction_IsRefused_WithTargetsUntouched()
    {
        using Robot robot = TestArms.Create("so101");
        PolicyManifest manifest = TestManifests.Create(TestManifests.Joints(ActionSpaceKind.JointAbsolute, [new ActionJoint(0, "shoulder_pan"), new ActionJoint(1, "elbow_flex")], []));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        double[] targets = [9, 9, 9, 9, 9];

        bool mapped = adapter.TryMapAction([0.1f, float.NaN], anchor, targets, new double[1], out string? problem);

        Assert.False(mapped);
        Assert.Equal("action[1] is NaN, not a finite number.", problem);
        Assert.All(targets, target => Assert.Equal(9, target));
    }

    internal const double DynamixelWidth = 0.074;

    internal static IEqualityComparer<double> DoubleComparer(double tolerance) => new Tolerance<double>((a, b) => Math.Abs(a - b) <= tolerance);

    internal static IEqualityComparer<float> FloatComparer(float tolerance) => new Tolerance<float>((a, b) => Math.Abs(a - b) <= tolerance);

    private static PolicyManifest AlternatingSignsAndOffsets(Robot robot)
    {
        var joints = robot.Arm.Joints.Select((joint, i) => new ActionJoint(i, joint.Name, i % 2 == 0 ? -1 : 1, 0.1 * (i + 1))).ToList();
        int gripper = joints.Count;
        return TestManifests.Create(
            TestManifests.Joints(ActionSpaceKind.JointAbsolute, joints, [new ActionGripper(gripper, "gripper", Closed: 1, Open: -1)]),
            new StateInput("state", [.. joints.Select(joint => joint.Joint), "gripper"], null));
    }

    private sealed class Tolerance<T>(Func<T, T, bool> equal) : IEqualityComparer<T>
    {
        public bool Equals(T? x, T? y) => x is not null && y is not null && equal(x, y);

        public int GetHashCode(T obj) => 0;
    }
}
