using System.Globalization;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.Identification;

public sealed class KinematicIdentificationTests(ITestOutputHelper output)
{
    private const double Degree = Math.PI / 180;

    [Theory]
    [InlineData("so101", 11)]
    [InlineData("wx250s", 12)]
    public void Solve_RecoversObservableOffsetsWithinHundredthDegree_WhenNoiseFree(string arm, int seed)
    {
        var rig = new SyntheticRig(arm, seed);
        List<PoseObservation> observations = rig.Observe(60, 0);

        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);

        output.WriteLine(result.Identifiability.ToString());
        double worst = WorstObservableOffsetError(rig, result);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{arm}: worst observable offset error {worst / Degree:0.000000} deg, rms {result.RmsReprojectionErrorPixels:0.000000} px, {result.Iterations} iterations"));
        Assert.True(worst <= 0.01 * Degree, $"worst offset error {worst / Degree} deg");
        Assert.True(result.RmsReprojectionErrorPixels < 1e-3);
    }

    [Theory]
    [InlineData("so101", 60)]
    [InlineData("so101", 150)]
    [InlineData("wx250s", 60)]
    [InlineData("wx250s", 150)]
    public void Solve_RecoversObservableOffsetsWithinFifteenHundredthsDegree_WithFifthPixelNoise(string arm, int poses)
    {
        var errors = new List<double>();
        double worst = 0;
        foreach (int seed in new[] { 21, 22, 23 })
        {
            var rig = new SyntheticRig(arm, seed);
            List<PoseObservation> observations = rig.Observe(poses, 0.2);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);
            watch.Stop();
            foreach (EstimatedParameter estimated in result.Identifiability.Estimated.Where(e => e.Parameter.Kind == KinematicParameterKind.JointOffset))
            {
                double error = Math.Abs(estimated.Value - rig.TrueOffsets[estimated.Parameter.Index]);
                errors.Add(error);
                worst = Math.Max(worst, error);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{arm}, {poses} poses, seed {seed}: rms {result.RmsReprojectionErrorPixels:0.000} px, {result.Iterations} iterations, solve {watch.Elapsed.TotalMilliseconds:0} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{arm}, {poses} poses: median offset error {Median(errors) / Degree:0.0000} deg, worst {worst / Degree:0.0000} deg over {errors.Count} offsets"));
        Assert.True(worst <= 0.15 * Degree, $"worst offset error {worst / Degree} deg");
    }

    [Theory]
    [InlineData("so101", 31)]
    [InlineData("wx250s", 32)]
    public void Solve_ReducesToolErrorOnHeldOutPoses_ComparedWithHandEyeOnNominalKinematics(string arm, int seed)
    {
        var rig = new SyntheticRig(arm, seed);
        List<PoseObservation> observations = rig.Observe(100, 0.2);
        List<PoseObservation> heldOut = rig.Observe(50, 0);
        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);
        var nominal = new SerialChain(rig.Nominal, rig.Robot);
        var calibrated = new SerialChain(result.Calibrated, rig.Robot);
        HandEyeResult handEye = HandEyeCalibration.Solve(
            observations.Select(o => nominal.ForwardKinematics(o.JointPositions.ToArray())).ToList(),
            observations.Select(o => o.Corners).ToList(),
            SyntheticRig.Camera,
            SyntheticRig.TagSize,
            CameraMount.Fixed);

        var nominalErrors = new List<double>();
        var beforeErrors = new List<double>();
        var afterErrors = new List<double>();
        var afterTagErrors = new List<double>();
        foreach (PoseObservation pose in heldOut)
        {
            double[] q = [.. pose.JointPositions];
            Pose truth = rig.TrueTool(q);
            Vector3D trueInCamera = rig.CameraPose.Inverse().Transform(truth.Position);
            nominalErrors.Add((nominal.ToolPosition(q) - truth.Position).Length);
            beforeErrors.Add((handEye.CameraPose.Inverse().Transform(nominal.ToolPosition(q)) - trueInCamera).Length);
            afterErrors.Add((result.CameraPose.Inverse().Transform(calibrated.ToolPosition(q)) - trueInCamera).Length);
            Vector3D trueTag = rig.CameraPose.Inverse().Transform((truth * rig.TagPose).Position);
            afterTagErrors.Add((result.CameraPose.Inverse().Transform((calibrated.ForwardKinematics(q) * result.TagPose).Position) - trueTag).Length);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{arm}: median tool error, nominal kinematics in the base frame {Median(nominalErrors) * 1000:0.00} mm; in the camera frame: hand-eye on nominal {Median(beforeErrors) * 1000:0.00} mm, identified {Median(afterErrors) * 1000:0.00} mm (tag centre {Median(afterTagErrors) * 1000:0.000} mm); true tool link error {rig.TrueLinkErrors[^1] * 1000:0.00} mm"));
        Assert.True(Median(nominalErrors) >= 0.010, "the injected errors should move the tool by 10 mm or more");
        Assert.True(Median(afterErrors) < Median(beforeErrors) / 2);
        Assert.True(Median(afterTagErrors) < 0.0005);
    }

    [Fact]
    public void Solve_StaysAccurate_WhenOnePoseIsGrosslyWrong()
    {
        var rig = new SyntheticRig("so101", 41);
        List<PoseObservation> observations = rig.Observe(80, 0.2);
        PoseObservation bad = observations[17];
        observations[17] = bad with { Corners = bad.Corners.Select(c => new PixelPoint(c.X + 40, c.Y - 25)).ToArray() };

        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);

        KinematicCalibration plain = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations, new KinematicIdentificationOptions { HuberThresholdPixels = 0 });

        double worst = WorstObservableOffsetError(rig, result);
        double worstPlain = WorstObservableOffsetError(rig, plain);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one bad pose: worst offset error {worst / Degree:0.0000} deg with the Huber loss, {worstPlain / Degree:0.0000} deg with plain least squares"));
        Assert.True(worst <= 0.15 * Degree, $"worst offset error {worst / Degree} deg");
        Assert.True(worst < worstPlain / 3, "the Huber loss should discount the bad pose");
    }

    [Fact]
    public void Solve_ReportsBaseYawWristRollAndLastLinkAsUnobservable_ForATagOnTheGripper()
    {
        var rig = new SyntheticRig("so101", 51);
        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, rig.Observe(40, 0.2));

        IdentifiabilityReport report = result.Identifiability;
        output.WriteLine(report.ToString());
        Assert.Contains(report.Held, h => h.Parameter.Name == "shoulder_pan zero offset" && h.AbsorbedInto == "the camera pose");
        Assert.Contains(report.Held, h => h.Parameter.Name == "wrist_roll zero offset" && h.AbsorbedInto == "the tag pose");
        Assert.Contains(report.Held, h => h.Parameter.Name == "tool link length" && h.AbsorbedInto == "the tag pose");
        Assert.DoesNotContain(report.Held, h => h.Parameter.Kind == KinematicParameterKind.JointOffset && h.Parameter.Index is > 0 and < 4);
        Assert.Contains(report.Lines, line => line.StartsWith("Not observable: shoulder_pan zero offset", StringComparison.Ordinal));
        Assert.Equal(0, result.JointOffsetsRadians[0]);
        Assert.Equal(0, result.JointOffsetsRadians[4]);
    }

    [Fact]
    public void Solve_ReturnsAChainWhoseForwardKinematicsMatchesTheTruth_UpToWhatTheCameraAndTagAbsorb()
    {
        var rig = new SyntheticRig("wx250s", 61);
        List<PoseObservation> observations = rig.Observe(40, 0);
        KinematicCalibration result = KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations);
        var calibrated = new SerialChain(result.Calibrated, rig.Robot);

        // The camera sees the tag where the calibrated chain, camera and tag poses put it.
        foreach (PoseObservation pose in observations.Take(10))
        {
            double[] q = [.. pose.JointPositions];
            Vector3D predicted = result.CameraPose.Inverse().Transform((calibrated.ForwardKinematics(q) * result.TagPose).Position);
            Vector3D truth = rig.CameraPose.Inverse().Transform((rig.TrueTool(q) * rig.TagPose).Position);
            Assert.True((predicted - truth).Length < 1e-6, $"tag centre off by {(predicted - truth).Length} m");
        }
    }

    [Fact]
    public void Solve_Throws_WhenGivenTooFewPoses()
    {
        var rig = new SyntheticRig("so101", 71);
        var exception = Assert.Throws<ArgumentException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, rig.Observe(3, 0)));
        Assert.Contains("at least 10 poses; got 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Throws_WhenAJointPositionIsNaN()
    {
        var rig = new SyntheticRig("so101", 72);
        List<PoseObservation> observations = rig.Observe(12, 0);
        observations[5] = observations[5] with { JointPositions = [0, double.NaN, 0, 0, 0] };
        var exception = Assert.Throws<ArgumentException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations));
        Assert.Contains("Pose 5, joint 1 (shoulder_lift) position is not finite", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Throws_WhenACornerIsNaN()
    {
        var rig = new SyntheticRig("so101", 73);
        List<PoseObservation> observations = rig.Observe(12, 0);
        observations[2] = observations[2] with { Corners = [new(1, 1), new(2, double.NaN), new(3, 3), new(4, 4)] };
        var exception = Assert.Throws<ArgumentException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations));
        Assert.Contains("Pose 2, corner 1 is not a finite pixel position", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Throws_WhenJointCountDoesNotMatchTheChain()
    {
        var rig = new SyntheticRig("so101", 74);
        List<PoseObservation> observations = rig.Observe(12, 0);
        observations[7] = observations[7] with { JointPositions = [0, 0, 0, 0, 0, 0] };
        var exception = Assert.Throws<ArgumentException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations));
        Assert.Contains("Pose 7 has 6 joint positions; the chain has 5 joints", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Throws_WhenAPoseHasThreeCorners()
    {
        var rig = new SyntheticRig("so101", 75);
        List<PoseObservation> observations = rig.Observe(12, 0);
        observations[0] = observations[0] with { Corners = observations[0].Corners.Take(3).ToArray() };
        var exception = Assert.Throws<ArgumentException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations));
        Assert.Contains("Pose 0 has 3 tag corners; every pose needs exactly 4", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Throws_WhenTheTagSizeIsNotPositive()
    {
        var rig = new SyntheticRig("so101", 76);
        Assert.Throws<ArgumentOutOfRangeException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, 0, rig.Observe(12, 0)));
    }

    [Fact]
    public void Solve_Throws_WhenAnOptionIsOutOfRange()
    {
        var rig = new SyntheticRig("so101", 77);
        List<PoseObservation> observations = rig.Observe(12, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations, new KinematicIdentificationOptions { ObservabilityThreshold = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => KinematicIdentification.Solve(rig.Nominal, SyntheticRig.Camera, SyntheticRig.TagSize, observations, new KinematicIdentificationOptions { HuberThresholdPixels = double.NaN }));
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double WorstObservableOffsetError(SyntheticRig rig, KinematicCalibration result)
    {
        double worst = 0;
        foreach (EstimatedParameter estimated in result.Identifiability.Estimated.Where(e => e.Parameter.Kind == KinematicParameterKind.JointOffset))
        {
            worst = Math.Max(worst, Math.Abs(estimated.Value - rig.TrueOffsets[estimated.Parameter.Index]));
        }

        return worst;
    }
}
