using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests.HandEye;

/// <summary>
/// The real detector's corners, from rendered tags, fed as they come (no reordering) into the tag model
/// that hand-eye calibration and kinematic identification share.
/// </summary>
public sealed class DetectedTagCalibrationTests(ITestOutputHelper output)
{
    private const double Degree = Math.PI / 180;
    private static readonly CameraModel Lens = new(SyntheticImage.Vga);

    [Fact]
    public void CalibrationModel_ReproducesDetectedCornersInOrder_AtTheTruePose()
    {
        var random = new Random(606);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Families = [AprilTagFamily.Tag36h11] });
        for (int view = 0; view < 6; view++)
        {
            Pose cameraFromTag = TagScenes.RandomView(random);
            AprilTagDetection detection = Detect(detector, view, cameraFromTag);

            // One pose, an identity tool and a camera at the world origin: the tag pose is the camera-from-tag pose.
            var model = new CalibrationModel([RigidMotion.Identity], [.. detection.Corners], Lens, TagScenes.TagSize, CameraMount.Fixed);
            model.SetPoses(RigidMotion.Identity, RigidMotion.FromPose(cameraFromTag));
            var predicted = new PixelPoint[AprilTagGeometry.CornerCount];
            Assert.True(model.Predict(0, predicted));

            for (int k = 0; k < AprilTagGeometry.CornerCount; k++)
            {
                double error = predicted[k].DistanceTo(detection.Corners[k]);
                Assert.True(error < 0.4, FormattableString.Invariant($"view {view}, corner {k}: model {predicted[k]}, detector {detection.Corners[k]} ({error:0.000} px)"));
            }
        }
    }

    [Theory]
    [InlineData(CameraMount.Fixed)]
    [InlineData(CameraMount.Wrist)]
    public void HandEyeCalibration_FromDetectedCorners_RecoversCameraAndTag(CameraMount mount)
    {
        // Fixed: camera in the world, tag on the tool. Wrist: camera in the tool, tag in the world.
        Pose camera = mount == CameraMount.Fixed
            ? new Pose(new Vector3D(0.6, 0.3, 0.5), Rotation.FromRollPitchYaw(-2.2, 0.1, 2.6))
            : new Pose(new Vector3D(0.03, -0.01, -0.06), Rotation.FromRollPitchYaw(0.2, -0.3, 1.4));
        Pose tag = mount == CameraMount.Fixed
            ? new Pose(new Vector3D(0.0, 0.01, -0.03), Rotation.FromRollPitchYaw(0.3, -0.2, 0.5))
            : new Pose(new Vector3D(0.25, -0.05, 0.0), Rotation.FromRollPitchYaw(Math.PI, 0, 0.4));
        var random = new Random(mount == CameraMount.Fixed ? 71 : 72);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Families = [AprilTagFamily.Tag36h11] });
        var tools = new List<Pose>();
        var corners = new List<IReadOnlyList<PixelPoint>>();
        for (int view = 0; view < 12; view++)
        {
            Pose cameraFromTag = TagScenes.RandomView(random);

            // Fixed: camera * C = tool * tag. Wrist: tool * camera * C = tag.
            tools.Add(mount == CameraMount.Fixed ? camera * cameraFromTag * tag.Inverse() : tag * cameraFromTag.Inverse() * camera.Inverse());
            corners.Add(Detect(detector, 5, cameraFromTag).Corners);
        }

        HandEyeResult result = HandEyeCalibration.Solve(tools, corners, SyntheticImage.Vga, TagScenes.TagSize, mount);

        double cameraMm = (result.CameraPose.Position - camera.Position).Length * 1000;
        double cameraDeg = result.CameraPose.Orientation.AngleTo(camera.Orientation) / Degree;
        double tagMm = (result.TagPose.Position - tag.Position).Length * 1000;
        double tagDeg = result.TagPose.Orientation.AngleTo(tag.Orientation) / Degree;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mount}: camera {cameraMm:0.000} mm {cameraDeg:0.0000} deg, tag {tagMm:0.000} mm {tagDeg:0.0000} deg, rms {result.RmsReprojectionErrorPixels:0.000} px"));
        Assert.True(cameraMm < 0.5 && cameraDeg < 0.1, $"camera off by {cameraMm} mm, {cameraDeg} deg");
        Assert.True(tagMm < 0.5 && tagDeg < 0.1, $"tag off by {tagMm} mm, {tagDeg} deg");
        Assert.True(result.RmsReprojectionErrorPixels < 0.1, $"reprojection RMS {result.RmsReprojectionErrorPixels} px");
    }

    private static AprilTagDetection Detect(AprilTagDetector detector, int id, Pose cameraFromTag)
    {
        SyntheticImage image = TagScenes.Render(AprilTagFamily.Tag36h11, id, cameraFromTag, noise: 0, seed: 0);
        AprilTagDetection detection = Assert.Single(detector.Detect(image.Pixels, image.Width, image.Height, image.Width));
        Assert.Equal(id, detection.Id);
        return detection;
    }
}
