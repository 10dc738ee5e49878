using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests;

public sealed class TagPoseEstimatorTests(ITestOutputHelper output)
{
    private static readonly CameraModel Camera = new(SyntheticImage.Vga);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Estimate_RecoversThePose_FromExactCorners(bool distorted)
    {
        var camera = new CameraModel(SyntheticImage.Vga with { Distortion = distorted ? [-0.28, 0.09, -0.01, 0.001, -0.0015] : [0, 0, 0, 0, 0] });
        var random = new Random(7);
        for (int view = 0; view < 20; view++)
        {
            Pose truth = TagScenes.RandomView(random);

            PoseEstimate estimate = TagPoseEstimator.Estimate(camera, TagScenes.TrueCorners(camera, truth), TagScenes.TagSize);

            Assert.True(TagScenes.TranslationErrorMm(estimate.CameraFromObject, truth) < 1e-4, $"view {view}: {estimate.CameraFromObject.Position} vs {truth.Position}");
            Assert.True(TagScenes.RotationErrorDegrees(estimate.CameraFromObject, truth) < 1e-4, $"view {view}");
            Assert.True(estimate.ReprojectionRmsPixels < 1e-6);
            Assert.Equal(4, estimate.PointCount);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(4.0)]
    public void Estimate_FromDetectedCorners_IsWithinOneAndAHalfMillimetreAndDegreeRms(double noise)
    {
        var random = new Random(11);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Sigma = noise > 0 ? 0.8f : 0f });
        double sumTranslation = 0, sumRotation = 0, worstTranslation = 0, worstRotation = 0;
        const int views = 12;
        for (int view = 0; view < views; view++)
        {
            Pose truth = TagScenes.RandomView(random);
            SyntheticImage image = TagScenes.Render(AprilTagFamily.Tag36h11, view, truth, noise, seed: 300 + view);
            AprilTagDetection detection = Assert.Single(detector.Detect(image.Pixels, image.Width, image.Height, image.Width));

            PoseEstimate estimate = TagPoseEstimator.Estimate(Camera, detection, TagScenes.TagSize);

            double translation = TagScenes.TranslationErrorMm(estimate.CameraFromObject, truth);
            double rotation = TagScenes.RotationErrorDegrees(estimate.CameraFromObject, truth);
            output.WriteLine(FormattableString.Invariant($"view {view} at {truth.Position.Z:0.000} m: {translation:0.000} mm, {rotation:0.000} deg, reprojection {estimate.ReprojectionRmsPixels:0.000} px"));
            sumTranslation += translation * translation;
            sumRotation += rotation * rotation;
            worstTranslation = Math.Max(worstTranslation, translation);
            worstRotation = Math.Max(worstRotation, rotation);

            // Depth carries most of the error and grows with distance (0.1 px on a 42 px tag at 0.55 m is 1.3 mm).
            Assert.True(translation <= 1.5, FormattableString.Invariant($"view {view}: translation error {translation:0.000} mm"));
            Assert.True(rotation <= 1.5, FormattableString.Invariant($"view {view}: rotation error {rotation:0.000} deg"));
        }

        double translationRms = Math.Sqrt(sumTranslation / views), rotationRms = Math.Sqrt(sumRotation / views);
        output.WriteLine(FormattableString.Invariant(
            $"noise {noise}: RMS {translationRms:0.000} mm, {rotationRms:0.000} deg; worst {worstTranslation:0.000} mm, {worstRotation:0.000} deg"));
        Assert.True(translationRms <= 1.5, FormattableString.Invariant($"translation RMS {translationRms:0.000} mm > 1.5 mm"));
        Assert.True(rotationRms <= 1.5, FormattableString.Invariant($"rotation RMS {rotationRms:0.000} deg > 1.5 deg"));
    }

    [Fact]
    public void Estimate_ThroughADistortedLens_NeedsAndUsesTheDistortionModel()
    {
        // A wide-angle lens (barrel distortion) and a tag near the image corner, where it bends rays most.
        var intrinsics = SyntheticImage.Vga with { Distortion = [-0.25, 0.07, 0, 0.0005, -0.0005] };
        Pose truth = TagScenes.TagPose(0.4, 0.15, 0.1, 10, -20, 30);
        var image = new SyntheticImage(intrinsics);
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 8), TagScenes.TagSize, truth);
        using var detector = new AprilTagDetector();
        AprilTagDetection detection = Assert.Single(detector.Detect(image.Pixels, image.Width, image.Height, image.Width));

        Pose withModel = TagPoseEstimator.Estimate(new CameraModel(intrinsics), detection, TagScenes.TagSize).CameraFromObject;
        Pose withoutModel = TagPoseEstimator.Estimate(Camera, detection, TagScenes.TagSize).CameraFromObject;

        double corners = TagScenes.CornerRms(detection.Corners, TagScenes.TrueCorners(new CameraModel(intrinsics), truth));
        double good = TagScenes.TranslationErrorMm(withModel, truth), bad = TagScenes.TranslationErrorMm(withoutModel, truth);
        output.WriteLine(FormattableString.Invariant(
            $"distorted: corner RMS {corners:0.000} px; with the model {good:0.000} mm {TagScenes.RotationErrorDegrees(withModel, truth):0.000} deg, ignoring it {bad:0.000} mm"));
        // libapriltag fits straight edges, which the lens curves: corners come out a little worse than 0.15 px here.
        Assert.True(corners <= 0.3, FormattableString.Invariant($"corner RMS {corners:0.000} px"));
        Assert.True(good <= 1.5 && TagScenes.RotationErrorDegrees(withModel, truth) <= 1.5);
        Assert.True(bad > 3 * good, "ignoring the distortion should cost accuracy");
    }

    [Fact]
    public void Estimate_FrontalTag_HasTheIdentityRotation_InLibapriltagsFrame()
    {
        Pose truth = TagScenes.TagPose(0.4, 0.01, -0.01, 0, 0, 5);
        SyntheticImage image = TagScenes.Render(AprilTagFamily.Tag36h11, 4, truth, 0, 0);
        using var detector = new AprilTagDetector();

        PoseEstimate estimate = TagPoseEstimator.Estimate(Camera, Assert.Single(detector.Detect(image.Pixels, image.Width, image.Height, image.Width)), TagScenes.TagSize);

        // The tag's +z (into the tag) points away from the camera, its +x to the image's right.
        Vector3D z = estimate.CameraFromObject.Orientation.Rotate(new Vector3D(0, 0, 1));
        Vector3D x = estimate.CameraFromObject.Orientation.Rotate(new Vector3D(1, 0, 0));
        Assert.True(z.Z > 0.99, $"tag z in the camera frame {z}");
        Assert.True(x.X > 0.99, $"tag x in the camera frame {x}");
    }

    [Fact]
    public void Estimate_RejectsAnythingButFourCorners()
    {
        var exception = Assert.Throws<ArgumentException>(() => TagPoseEstimator.Estimate(Camera, new PixelPoint[3], TagScenes.TagSize));

        Assert.Contains("4 corners", exception.Message);
    }
}
