using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests;

public sealed class IntrinsicsCalibrationTests(ITestOutputHelper output)
{
    private static readonly CameraIntrinsics Truth = IntrinsicsScenes.Camera;

    [Fact]
    public void Calibrate_RecoversIntrinsicsAndDistortion_FromExactCorners()
    {
        Pose[] poses = IntrinsicsScenes.Views(15, seed: 1);

        IntrinsicsCalibrationResult result = IntrinsicsCalibration.Calibrate(640, 480, IntrinsicsScenes.Observe(poses, 0, seed: 0));

        CameraIntrinsics k = result.Intrinsics;
        output.WriteLine(Describe(result));
        Assert.True(result.Converged);
        Assert.Equal(Truth.FocalLengthX, k.FocalLengthX, Truth.FocalLengthX * 1e-6);
        Assert.Equal(Truth.FocalLengthY, k.FocalLengthY, Truth.FocalLengthY * 1e-6);
        Assert.Equal(Truth.PrincipalPointX, k.PrincipalPointX, Truth.PrincipalPointX * 1e-6);
        Assert.Equal(Truth.PrincipalPointY, k.PrincipalPointY, Truth.PrincipalPointY * 1e-6);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Truth.Distortion[i], k.Distortion[i], 1e-6);
        }

        Assert.True(result.ReprojectionRmsPixels < 1e-6);
        for (int v = 0; v < poses.Length; v++)
        {
            Assert.True(TagScenes.TranslationErrorMm(result.CameraFromBoard[v], poses[v]) < 1e-4);
            Assert.True(TagScenes.RotationErrorDegrees(result.CameraFromBoard[v], poses[v]) < 1e-5);
        }
    }

    [Fact]
    public void Calibrate_WithNoisyCorners_IsWithinHalfAPercent_AndResidualMatchesTheNoise()
    {
        const double sigma = 0.2;
        IntrinsicsCalibrationView[] views = IntrinsicsScenes.Observe(IntrinsicsScenes.Views(15, seed: 2), sigma, seed: 3);

        IntrinsicsCalibrationResult result = IntrinsicsCalibration.Calibrate(640, 480, views);

        CameraIntrinsics k = result.Intrinsics;
        output.WriteLine(Describe(result));
        Assert.True(Math.Abs(k.FocalLengthX - Truth.FocalLengthX) < 0.005 * Truth.FocalLengthX);
        Assert.True(Math.Abs(k.FocalLengthY - Truth.FocalLengthY) < 0.005 * Truth.FocalLengthY);
        Assert.True(Math.Abs(k.PrincipalPointX - Truth.PrincipalPointX) < 2);
        Assert.True(Math.Abs(k.PrincipalPointY - Truth.PrincipalPointY) < 2);
        Assert.True(Math.Abs(k.Distortion[0] - Truth.Distortion[0]) < 0.02);

        // A 2D point with σ per axis is off by σ√2 RMS; the fit absorbs a few of those degrees of freedom.
        double expected = sigma * Math.Sqrt(2);
        Assert.InRange(result.ReprojectionRmsPixels, 0.85 * expected, 1.05 * expected);

        // The reported uncertainty is honest: the true error lies within 4 σ, and σ is not wildly loose.
        IntrinsicsUncertainty s = result.StandardDeviations;
        Assert.True(Math.Abs(k.FocalLengthX - Truth.FocalLengthX) < 4 * s.FocalLengthX && s.FocalLengthX < 2);
        Assert.True(Math.Abs(k.FocalLengthY - Truth.FocalLengthY) < 4 * s.FocalLengthY && s.FocalLengthY < 2);
        Assert.True(Math.Abs(k.PrincipalPointX - Truth.PrincipalPointX) < 4 * s.PrincipalPointX);
        Assert.True(Math.Abs(k.PrincipalPointY - Truth.PrincipalPointY) < 4 * s.PrincipalPointY);
        Assert.Equal(0, s.Distortion[2]); // k3 held
    }

    [Fact]
    public void Calibrate_FromRenderedDistortedImages_DetectedByTheRealDetector_RecoversTheCamera()
    {
        TagBoard board = IntrinsicsScenes.Board;
        Pose[] poses = IntrinsicsScenes.Views(12, seed: 4, marginPixels: 20);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Sigma = 0.8f });
        var views = new List<IntrinsicsCalibrationView>();
        for (int v = 0; v < poses.Length; v++)
        {
            SyntheticImage image = IntrinsicsScenes.Render(Truth, poses[v]);
            image.AddNoise(2, seed: 100 + v);
            IntrinsicsCalibrationView? view = IntrinsicsCalibrationView.FromDetections(board, detector.Detect(image.Pixels, image.Width, image.Height, image.Width));
            if (view is not null)
            {
                views.Add(view);
            }
        }

        IntrinsicsCalibrationResult result = IntrinsicsCalibration.Calibrate(640, 480, views);

        CameraIntrinsics k = result.Intrinsics;
        int corners = views.Sum(v => v.ImagePoints.Count);
        output.WriteLine($"{views.Count} views, {corners} corners");
        output.WriteLine(Describe(result));
        Assert.True(views.Count >= 10 && corners >= 400, $"{views.Count} views, {corners} corners detected");
        Assert.True(Math.Abs(k.FocalLengthX - Truth.FocalLengthX) < 0.005 * Truth.FocalLengthX);
        Assert.True(Math.Abs(k.FocalLengthY - Truth.FocalLengthY) < 0.005 * Truth.FocalLengthY);
        Assert.True(Math.Abs(k.PrincipalPointX - Truth.PrincipalPointX) < 2);
        Assert.True(Math.Abs(k.PrincipalPointY - Truth.PrincipalPointY) < 2);
        Assert.True(Math.Abs(k.Distortion[0] - Truth.Distortion[0]) < 0.02);
        Assert.True(result.ReprojectionRmsPixels < 0.3);
    }

    [Fact]
    public void Calibrate_HoldsK3AndTangential_WhenAskedTo_AndEstimatesK3_WhenAskedTo()
    {
        IntrinsicsCalibrationView[] views = IntrinsicsScenes.Observe(IntrinsicsScenes.Views(12, seed: 5), 0, seed: 0);

        IntrinsicsCalibrationResult held = IntrinsicsCalibration.Calibrate(640, 480, views, new IntrinsicsCalibrationOptions { EstimateTangentialDistortion = false });
        IntrinsicsCalibrationResult withK3 = IntrinsicsCalibration.Calibrate(640, 480, views, new IntrinsicsCalibrationOptions { EstimateK3 = true });

        Assert.Equal(0, held.Intrinsics.Distortion[3]);
        Assert.Equal(0, held.Intrinsics.Distortion[4]);
        Assert.True(held.ReprojectionRmsPixels > 0.01, "holding the true non-zero p1, p2 at zero must leave a residual");
        Assert.Equal(0, withK3.Intrinsics.Distortion[2], 1e-5);
        Assert.Equal(Truth.FocalLengthX, withK3.Intrinsics.FocalLengthX, 1e-3);
    }

    [Fact]
    public void Calibrate_Throws_WithFewerThanThreeViews()
    {
        IntrinsicsCalibrationView[] views = IntrinsicsScenes.Observe(IntrinsicsScenes.Views(2, seed: 6), 0, seed: 0);

        var error = Assert.Throws<ArgumentException>(() => IntrinsicsCalibration.Calibrate(640, 480, views));

        Assert.Contains("at least 3 views", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_Throws_WhenAViewHasTooFewOrMismatchedPoints()
    {
        IntrinsicsCalibrationView[] views = IntrinsicsScenes.Observe(IntrinsicsScenes.Views(4, seed: 7), 0, seed: 0);
        IntrinsicsCalibrationView[] fewPoints = [.. views[..3], new IntrinsicsCalibrationView(views[3].BoardPoints.Take(3).ToArray(), views[3].ImagePoints.Take(3).ToArray())];
        IntrinsicsCalibrationView[] mismatched = [.. views[..3], new IntrinsicsCalibrationView(views[3].BoardPoints, views[3].ImagePoints.Skip(1).ToArray())];
        IntrinsicsCalibrationView[] offPlane = [.. views[..3], new IntrinsicsCalibrationView(views[3].BoardPoints.Select(p => p + new Vector3D(0, 0, 0.01)).ToArray(), views[3].ImagePoints)];

        Assert.Contains("View 3 has 3 points", Assert.Throws<ArgumentException>(() => IntrinsicsCalibration.Calibrate(640, 480, fewPoints)).Message, StringComparison.Ordinal);
        Assert.Contains("image points", Assert.Throws<ArgumentException>(() => IntrinsicsCalibration.Calibrate(640, 480, mismatched)).Message, StringComparison.Ordinal);
        Assert.Contains("z = 0", Assert.Throws<ArgumentException>(() => IntrinsicsCalibration.Calibrate(640, 480, offPlane)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_Throws_WhenEveryViewHasTheSameBoardOrientation()
    {
        // Parallel views: the board only slides around at one tilt, so focal length and distance trade off.
        Rotation tilt = Rotation.FromAxisAngle(new Vector3D(1, 0, 0), TagScenes.Radians(25));
        Pose[] poses = [.. new[] { (-0.06, 0.35), (0.0, 0.4), (0.04, 0.45), (-0.02, 0.38) }.Select(p => new Pose(new Vector3D(p.Item1 - 0.075, -0.05, p.Item2), tilt))];
        IntrinsicsCalibrationView[] views = IntrinsicsScenes.Observe(poses, 0, seed: 0);

        var error = Assert.Throws<ArgumentException>(() => IntrinsicsCalibration.Calibrate(640, 480, views));

        Assert.Contains("Tilt the board", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDetections_KeepsBoardTags_AndRejectsASingleTag()
    {
        TagBoard board = IntrinsicsScenes.Board;
        var camera = new CameraModel(Truth);
        Pose pose = IntrinsicsScenes.Views(1, seed: 8)[0];
        AprilTagDetection Detect(BoardTag t) => new(t.Family, t.Id, 0, 100, default, TagScenes.TrueCorners(camera, pose * t.BoardFromTag, t.SizeMetres));
        var stranger = new AprilTagDetection(AprilTagFamily.Tag36h11, 99, 0, 100, default, [new(1, 1), new(2, 1), new(2, 2), new(1, 2)]);

        IntrinsicsCalibrationView? view = IntrinsicsCalibrationView.FromDetections(board, [.. board.Tags.Take(3).Select(Detect), stranger]);

        Assert.NotNull(view);
        Assert.Equal(12, view.BoardPoints.Count);
        Assert.Null(IntrinsicsCalibrationView.FromDetections(board, [Detect(board.Tags[0])]));
    }

    private static string Describe(IntrinsicsCalibrationResult r)
    {
        CameraIntrinsics k = r.Intrinsics;
        IntrinsicsUncertainty s = r.StandardDeviations;
        return FormattableString.Invariant(
            $"fx {k.FocalLengthX:0.0000} (err {k.FocalLengthX - Truth.FocalLengthX:0.000e0}, σ {s.FocalLengthX:0.000}), fy {k.FocalLengthY:0.0000} (err {k.FocalLengthY - Truth.FocalLengthY:0.000e0}, σ {s.FocalLengthY:0.000}), ") +
            FormattableString.Invariant(
            $"cx {k.PrincipalPointX:0.0000} (err {k.PrincipalPointX - Truth.PrincipalPointX:0.000e0}, σ {s.PrincipalPointX:0.000}), cy {k.PrincipalPointY:0.0000} (err {k.PrincipalPointY - Truth.PrincipalPointY:0.000e0}, σ {s.PrincipalPointY:0.000}), ") +
            FormattableString.Invariant(
            $"k1 {k.Distortion[0]:0.00000} k2 {k.Distortion[1]:0.00000} k3 {k.Distortion[2]:0.00000} p1 {k.Distortion[3]:0.000000} p2 {k.Distortion[4]:0.000000}, RMS {r.ReprojectionRmsPixels:0.0000} px, {r.Iterations} iterations");
    }
}
