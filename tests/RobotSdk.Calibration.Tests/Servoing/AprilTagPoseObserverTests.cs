using RobotSdk.Calibration.Fiducials;
using RobotSdk.Calibration.Servoing;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary><see cref="AprilTagPoseObserver"/> with the real detector on synthetic images of two tags.</summary>
public sealed class AprilTagPoseObserverTests
{
    private static readonly Pose Left = TagScenes.TagPose(0.4, -0.06, 0.01, 10, -15, 20);
    private static readonly Pose Right = TagScenes.TagPose(0.45, 0.07, -0.02, -20, 10, 200);

    [Fact]
    public void Observe_GivesThePoseOfEachWantedTag_AndNothingForOthers()
    {
        using var detector = new AprilTagDetector();
        var observer = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga));

        IReadOnlyDictionary<int, PoseEstimate> poses = observer.Observe(Frame(), [new ServoTag(3, TagScenes.TagSize), new ServoTag(7, TagScenes.TagSize)]);

        PoseEstimate left = Assert.Single(poses).Value;
        Assert.Equal(3, Assert.Single(poses).Key);
        Assert.True(TagScenes.TranslationErrorMm(left.CameraFromObject, Left) < 1, $"{TagScenes.TranslationErrorMm(left.CameraFromObject, Left):0.000} mm");
        Assert.True(TagScenes.RotationErrorDegrees(left.CameraFromObject, Left) < 1, $"{TagScenes.RotationErrorDegrees(left.CameraFromObject, Left):0.000} degrees");
    }

    [Fact]
    public void Observe_ScalesThePose_WithTheDeclaredSize()
    {
        using var detector = new AprilTagDetector();
        var observer = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga));

        IReadOnlyDictionary<int, PoseEstimate> poses = observer.Observe(Frame(), [new ServoTag(5, 2 * TagScenes.TagSize)]);

        Vector3D position = poses[5].CameraFromObject.Position;
        Assert.Equal(2 * Right.Position.Z, position.Z, 0.003);
    }

    [Fact]
    public void Observe_DropsATag_WhosePoseReprojectsWorseThanTheLimit()
    {
        using var detector = new AprilTagDetector();
        var strict = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga)) { MaximumReprojectionErrorPixels = 1e-9 };

        IReadOnlyDictionary<int, PoseEstimate> poses = strict.Observe(Frame(), [new ServoTag(3, TagScenes.TagSize), new ServoTag(5, TagScenes.TagSize)]);

        Assert.Empty(poses);
    }

    private static CameraFrame Frame()
    {
        var image = new SyntheticImage(SyntheticImage.Vga);
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 3), TagScenes.TagSize, Left);
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 5), TagScenes.TagSize, Right);
        return new CameraFrame(image.Width, image.Height, PixelFormat.Gray8, image.Pixels, 0, 0);
    }
}
