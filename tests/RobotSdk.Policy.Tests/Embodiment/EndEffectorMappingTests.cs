using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Embodiment;

/// <summary>End-effector actions solved by inverse kinematics on the robot's (calibrated) chain, and tool-pose state through forward kinematics.</summary>
public sealed class EndEffectorMappingTests
{
    [Theory]
    [InlineData("so101", 1)]
    [InlineData("so101", 2)]
    [InlineData("wx250s", 1)]
    [InlineData("wx250s", 2)]
    public void OneAbsolutePositionManifest_ReachesItsTargets_OnBothArms(string arm, int seed)
    {
        PolicyManifest manifest = TestManifests.PositionOnly();
        using Robot robot = TestArms.Create(arm);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        // A target the arm can reach: the tool position of another configuration.
        Vector3D target = robot.Kinematics!.ToolPosition(TestArms.Configuration(robot, seed, fraction: 0.4));
        var targets = new double[adapter.ArmJointCount];

        bool mapped = adapter.TryMapAction([(float)target.X, (float)target.Y, (float)target.Z, 1], anchor, targets, new double[1], out string? problem);

        Assert.True(mapped, problem);
        Vector3D reached = robot.Kinematics.ToolPosition(targets);
        Assert.True((reached - new Vector3D((float)target.X, (float)target.Y, (float)target.Z)).Length <= 1e-4, $"reached {reached}, target {target}");
        Assert.Equal(targets, anchor.InverseKinematicsSeed); // the next solve starts from this solution
        AssertWithinLimits(robot, targets);
    }

    [Theory]
    [InlineData(RotationRepresentation.AxisAngle)]
    [InlineData(RotationRepresentation.EulerXyz)]
    [InlineData(RotationRepresentation.QuaternionWxyz)]
    [InlineData(RotationRepresentation.Rotation6D)]
    public void AbsoluteFullPose_InEveryRepresentation_IsReachedOnTheSixJointArm(RotationRepresentation representation)
    {
        int length = EndEffectorActions.RotationLength(representation);
        PolicyManifest manifest = TestManifests.Create(TestManifests.EndEffector(
            new EndEffectorActions([0, 1, 2], [.. Enumerable.Range(3, length)], representation, EndEffectorFrame.Base, Delta: false)));
        using Robot robot = TestArms.Create("wx250s");
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        Pose target = robot.Kinematics!.ForwardKinematics(TestArms.Configuration(robot, seed: 5, fraction: 0.3));
        float[] action = Encode(target, representation);
        var targets = new double[6];

        bool mapped = adapter.TryMapAction(action, anchor, targets, new double[1], out string? problem);

        Assert.True(mapped, problem);
        Pose reached = robot.Kinematics.ForwardKinematics(targets);
        Assert.True((reached.Position - target.Position).Length <= 2e-4, $"reached {reached.Position}, target {target.Position}");
        Assert.True(reached.Orientation.AngleTo(target.Orientation) <= 2e-3, $"orientation off by {reached.Orientation.AngleTo(target.Orientation)} rad");
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void DeltaPosition_IsAddedToTheAnchorsToolPosition(string arm)
    {
        PolicyManifest manifest = TestManifests.PositionOnly(delta: true);
        using Robot probe = TestArms.Create(arm);
        using Robot robot = TestArms.Create(arm, TestArms.Configuration(probe, seed: 11, fraction: 0.3));
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        var targets = new double[adapter.ArmJointCount];

        Assert.True(adapter.TryMapAction([0.01f, -0.015f, 0.02f, 0], anchor, targets, new double[1], out string? problem), problem);

        Vector3D expected = anchor.ToolPose.Position + new Vector3D(0.01f, -0.015f, 0.02f);
        Assert.True((robot.Kinematics!.ToolPosition(targets) - expected).Length <= 1e-4);
    }

    [Fact]
    public void ToolFrameDelta_MovesAlongTheToolsOwnAxes()
    {
        PolicyManifest manifest = TestManifests.PositionOnly(delta: true, frame: EndEffectorFrame.Tool);
        using Robot robot = TestArms.Create("wx250s", [0.3, 0.2, 0.1, 0, 0.4, 0]);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        var targets = new double[6];

        Assert.True(adapter.TryMapAction([0.02f, 0, 0, 0], anchor, targets, new double[1], out string? problem), problem);

        // 2 cm along the tool's x axis (the WidowX's approach direction), wherever the tool points.
        Vector3D expected = anchor.ToolPose.Transform(new Vector3D(0.02f, 0, 0));
        Assert.True((robot.Kinematics!.ToolPosition(targets) - expected).Length <= 1e-4);
        Assert.True((expected - (anchor.ToolPose.Position + new Vector3D(0.02, 0, 0))).Length > 0.005, "the tool's x axis should not be the base's here");
    }

    [Fact]
    public void ToolPoseState_MatchesTheRobotsToolPose_InEveryEncoding()
    {
        string[] names =
        [
            "tool.x", "tool.y", "tool.z", "tool.axis_angle.x", "tool.axis_angle.y", "tool.axis_angle.z",
            "tool.quaternion.w", "tool.quaternion.x", "tool.quaternion.y", "tool.quaternion.z", "tool.euler.x", "tool.euler.y", "tool.euler.z",
            "tool.rotation6d.0", "tool.rotation6d.1", "tool.rotation6d.2", "tool.rotation6d.3", "tool.rotation6d.4", "tool.rotation6d.5",
        ];
        PolicyManifest manifest = TestManifests.Create(TestManifests.PositionOnly().Actions, new StateInput("state", names, null));
        using Robot robot = TestArms.Create("wx250s", [0.4, -0.3, 0.2, 0.5, 0.6, -0.7]);
        var observation = new PolicyObservation(manifest.Inputs);

        EmbodimentAdapter.Create(manifest, robot).CaptureState(observation, new ActionAnchor(6, 1));

        float[] s = observation.State[0];
        Pose tool = robot.GetToolPose();
        Assert.True((new Vector3D(s[0], s[1], s[2]) - tool.Position).Length < 1e-6);
        var axisAngle = new Vector3D(s[3], s[4], s[5]);
        Assert.True(Angle(Rotation.FromAxisAngle(axisAngle, axisAngle.Length), tool.Orientation) < 1e-5);
        Assert.True(s[6] >= 0);
        double norm = Math.Sqrt((s[6] * s[6]) + (s[7] * s[7]) + (s[8] * s[8]) + (s[9] * s[9])); // float32 numbers: unit within 1e-7
        Assert.Equal(1, norm, 6);
        Assert.True(Angle(new Rotation(s[6], s[7], s[8], s[9]), tool.Orientation) < 1e-5, $"quaternion {s[6]} {s[7]} {s[8]} {s[9]}, tool {tool.Orientation}");
        Assert.True(Angle(Rotation.FromRollPitchYaw(s[10], s[11], s[12]), tool.Orientation) < 1e-5);
        Assert.Equal(RotateAxis(tool.Orientation, new Vector3D(1, 0, 0)), new Vector3D(s[13], s[14], s[15]), VectorComparer);
        Assert.Equal(RotateAxis(tool.Orientation, new Vector3D(0, 1, 0)), new Vector3D(s[16], s[17], s[18]), VectorComparer);
    }

    [Fact]
    public void CalibratedChain_ChangesTheToolStateAndTheSolution_AndTheSolutionReachesTheTargetUnderIt()
    {
        PolicyManifest manifest = TestManifests.PositionOnly();
        double[] measured = [0.2, -0.4, 0.5, 0.3, 0.1];
        using Robot robot = TestArms.Create("so101", measured);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();
        SerialChain nominal = robot.Kinematics!;
        float[] target = [0.25f, 0.05f, 0.12f, 1];
        var nominalSolution = new double[5];
        adapter.CaptureState(observation, anchor);
        float nominalX = observation.State[0][0];
        Assert.True(adapter.TryMapAction(target, anchor, nominalSolution, new double[1], out string? problem), problem);

        // A calibration found the base 2 cm further forward and the shoulder 3 degrees off.
        KinematicChainDescription calibrated = Shifted(nominal.Description);
        robot.UseKinematics(calibrated);
        adapter.CaptureState(observation, anchor);
        var calibratedSolution = new double[5];
        Assert.True(adapter.TryMapAction(target, anchor, calibratedSolution, new double[1], out problem), problem);

        SerialChain chain = robot.Kinematics!;
        Assert.Equal((float)robot.GetToolPose().Position.X, observation.State[0][0], 5);
        Assert.True(Math.Abs(observation.State[0][0] - nominalX) > 0.005, "tool.x should follow the calibrated chain");
        Assert.True((chain.ToolPosition(calibratedSolution) - new Vector3D(0.25f, 0.05f, 0.12f)).Length <= 1e-4);
        Assert.True((nominal.ToolPosition(calibratedSolution) - new Vector3D(0.25f, 0.05f, 0.12f)).Length > 0.01, "under the nominal chain the calibrated solution misses");
        Assert.True(MaxDifference(nominalSolution, calibratedSolution) > 0.02);
    }

    [Fact]
    public void UnreachableTarget_ReturnsFalse_NamingThePoseAndTheError_WithTargetsUntouched()
    {
        PolicyManifest manifest = TestManifests.PositionOnly();
        using Robot robot = TestArms.Create("so101");
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot, new EmbodimentOptions { InverseKinematics = new InverseKinematicsOptions { Restarts = 2 } });
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(new PolicyObservation(manifest.Inputs), anchor);
        double[] seed = [.. anchor.InverseKinematicsSeed];
        double[] targets = [7, 7, 7, 7, 7];
        double[] grippers = [7];

        bool mapped = adapter.TryMapAction([2, 0, 0.1f, 1], anchor, targets, grippers, out string? problem);

        Assert.False(mapped);
        Assert.NotNull(problem);
        Assert.StartsWith("inverse kinematics did not reach tool position (2, 0, 0.1) m (position only): remaining error ", problem, StringComparison.Ordinal);
        Assert.Contains(" mm after ", problem, StringComparison.Ordinal);
        Assert.All(targets, target => Assert.Equal(7, target));
        Assert.Equal(7, grippers[0]);
        Assert.Equal(seed, anchor.InverseKinematicsSeed);
    }

    [Fact]
    public void LiberoSample_AxisAngleDeltas_MoveTheToolByMetersAndRadiansPerUnit()
    {
        PolicyManifest manifest = TestManifests.Sample("libero-remote.json");
        using Robot robot = TestArms.Create("wx250s", [0, -0.3, 0.4, 0, 0.5, 0], gripperOpenFraction: 1);
        EmbodimentAdapter adapter = EmbodimentAdapter.Create(manifest, robot);
        var observation = new PolicyObservation(manifest.Inputs);
        ActionAnchor anchor = adapter.CreateAnchor();
        adapter.CaptureState(observation, anchor);
        var targets = new double[6];
        var grippers = new double[1];

        // LIBERO units: 0.05 m and 0.5 rad per unit; gripper -1 open, 1 closed.
        Assert.True(adapter.TryMapAction([0.2f, 0, -0.2f, 0, 0, 0.1f, -1], anchor, targets, grippers, out string? problem), problem);

        Pose reached = robot.Kinematics!.ForwardKinematics(targets);
        Assert.True((reached.Position - (anchor.ToolPose.Position + new Vector3D(0.01, 0, -0.01))).Length <= 2e-4);
        Rotation expected = Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 0.05) * anchor.ToolPose.Orientation;
        Assert.True(reached.Orientation.AngleTo(expected) <= 2e-3);
        Assert.Equal(1, grippers[0], 6);
        float halfWidth = (float)(JointMappingTests.DynamixelWidth / 2);
        Assert.Equal([halfWidth, -halfWidth], observation.State[0][6..8], JointMappingTests.FloatComparer(1e-6f));
    }

    private static readonly IEqualityComparer<Vector3D> VectorComparer = EqualityComparer<Vector3D>.Create((a, b) => (a - b).Length < 1e-5, _ => 0);

    // Angle between two rotations after normalizing both: float32 state is unit only to about 1e-7, and acos near 1 magnifies that.
    private static double Angle(Rotation a, Rotation b)
    {
        static Rotation Unit(Rotation q)
        {
            double n = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
            return new Rotation(q.W / n, q.X / n, q.Y / n, q.Z / n);
        }

        return Unit(a).AngleTo(Unit(b));
    }

    private static Vector3D RotateAxis(Rotation rotation, Vector3D axis) => rotation.Rotate(axis);

    private static float[] Encode(Pose pose, RotationRepresentation representation)
    {
        Vector3D p = pose.Position;
        Rotation q = pose.Orientation;
        float[] position = [(float)p.X, (float)p.Y, (float)p.Z];
        double[] rotation = representation switch
        {
            RotationRepresentation.AxisAngle => AxisAngle(q),
            RotationRepresentation.EulerXyz => Euler(q),
            RotationRepresentation.QuaternionWxyz => [q.W, q.X, q.Y, q.Z],
            _ => [.. Columns(q)],
        };
        return [.. position, .. rotation.Select(value => (float)value)];
    }

    // Independent of the adapter's encoders: derived from the quaternion directly.
    private static double[] AxisAngle(Rotation q)
    {
        double sign = q.W < 0 ? -1 : 1;
        double angle = 2 * Math.Acos(Math.Min(1, sign * q.W));
        double s = Math.Sqrt(1 - (q.W * q.W));
        return s < 1e-9 ? [0, 0, 0] : [sign * q.X / s * angle, sign * q.Y / s * angle, sign * q.Z / s * angle];
    }

    private static double[] Euler(Rotation q)
    {
        // Search-free: compare against the composition the manifest documents (Rz * Ry * Rx).
        Vector3D x = q.Rotate(new Vector3D(1, 0, 0));
        Vector3D y = q.Rotate(new Vector3D(0, 1, 0));
        Vector3D z = q.Rotate(new Vector3D(0, 0, 1));
        double pitch = Math.Asin(-x.Z);
        double yaw = Math.Atan2(x.Y, x.X);
        double roll = Math.Atan2(y.Z, z.Z);
        return [roll, pitch, yaw];
    }

    private static IEnumerable<double> Columns(Rotation q)
    {
        Vector3D first = q.Rotate(new Vector3D(1, 0, 0));
        Vector3D second = q.Rotate(new Vector3D(0, 1, 0));
        return [first.X, first.Y, first.Z, second.X, second.Y, second.Z];
    }

    private static KinematicChainDescription Shifted(KinematicChainDescription nominal)
    {
        KinematicJoint shoulder = nominal.Joints[1];
        var joints = nominal.Joints.ToList();
        joints[1] = shoulder with { Origin = shoulder.Origin * new Pose(Vector3D.Zero, Rotation.FromAxisAngle(new Vector3D(0, 0, 1), 3 * Math.PI / 180)) };
        Pose forward = new(new Vector3D(0.02, 0, 0), Rotation.Identity);
        return nominal with { Joints = joints, Base = forward * nominal.Base };
    }

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    private static void AssertWithinLimits(Robot robot, double[] positions)
    {
        for (int j = 0; j < positions.Length; j++)
        {
            JointLimits limits = robot.Arm.Joints[j].Limits;
            Assert.InRange(positions[j], limits.MinPosition, limits.MaxPosition);
        }
    }
}
