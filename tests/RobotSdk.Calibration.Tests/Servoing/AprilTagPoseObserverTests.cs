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

    [Fact]
    public void Observe_GivesTheBoardPose_FromTheCornersOfAllItsTags()
    {
        using var detector = new AprilTagDetector();
        var observer = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga));

        PoseEstimate board = Assert.IsType<PoseEstimate>(observer.Observe(Frame(), Board(Left.Inverse() * Right)));

        Assert.Equal(8, board.PointCount);
        Assert.True(TagScenes.TranslationErrorMm(board.CameraFromObject, Left) < 1, $"{TagScenes.TranslationErrorMm(board.CameraFromObject, Left):0.000} mm");
        Assert.True(TagScenes.RotationErrorDegrees(board.CameraFromObject, Left) < 0.5, $"{TagScenes.RotationErrorDegrees(board.CameraFromObject, Left):0.000} degrees");
    }

    [Fact]
    public void Observe_UsesTheBoardTagsInView_WhenOthersAreMissing()
    {
        using var detector = new AprilTagDetector();
        var observer = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga));
        var board = new TagBoard(
        [
            new BoardTag(AprilTagFamily.Tag36h11, 3, TagScenes.TagSize, Pose.Identity),
            new BoardTag(AprilTagFamily.Tag36h11, 99, TagScenes.TagSize, new Pose(new Vector3D(0.1, 0, 0), Rotation.Identity)),
        ]);

        PoseEstimate pose = Assert.IsType<PoseEstimate>(observer.Observe(Frame(), board));

        Assert.Equal(4, pose.PointCount);
        Assert.True(TagScenes.TranslationErrorMm(pose.CameraFromObject, Left) < 1, $"{TagScenes.TranslationErrorMm(pose.CameraFromObject, Left):0.000} mm");
    }

    [Fact]
    public void Observe_RejectsABoard_WhoseLayoutDisagreesWithTheImage()
    {
        using var detector = new AprilTagDetector();
        var observer = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga));
        // Tag 5 declared 10 mm from where it is printed: each tag alone fits, the two together cannot.
        Pose misplaced = new Pose(new Vector3D(0.01, 0, 0), Rotation.Identity) * Left.Inverse() * Right;

        PoseEstimate? board = observer.Observe(Frame(), Board(misplaced));
        IReadOnlyDictionary<int, PoseEstimate> tags = observer.Observe(Frame(), [new ServoTag(3, TagScenes.TagSize), new ServoTag(5, TagScenes.TagSize)]);

        Assert.Null(board);
        Assert.Equal(2, tags.Count);
    }

    [Fact]
    public void Observe_OfATarget_GivesTheGripperTag_AndTheTarget_FromOneFrame()
    {
        using var detector = new AprilTagDetector();
        var observer = new AprilTagPoseObserver(detector, new CameraModel(SyntheticImage.Vga));
        var single = new VisualServoTarget(new ServoTag(5, TagScenes.TagSize), Pose.Identity, new ServoTag(3, TagScenes.TagSize), Pose.Identity);
        var lost = single with { TargetBoard = new TagBoard([new BoardTag(AprilTagFamily.Tag36h11, 8, TagScenes.TagSize, Pose.Identity)]) };

        VisualServoObservation seen = observer.Observe(Frame(), single);
        VisualServoObservation missing = observer.Observe(Frame(), lost);

        Assert.True(TagScenes.TranslationErrorMm(seen.GripperTag!.CameraFromObject, Right) < 1);
        Assert.True(TagScenes.TranslationErrorMm(seen.Target!.CameraFromObject, Left) < 1);
        Assert.NotNull(missing.GripperTag);
        Assert.Null(missing.Target);
    }

    private static TagBoard Board(Pose rightInLeft) => new(
    [
        new BoardTag(AprilTagFamily.Tag36h11, 3, TagScenes.TagSize, Pose.Identity),
        new BoardTag(AprilTagFamily.Tag36h11, 5, TagScenes.TagSize, rightInLeft),
    ]);

    private static CameraFrame Frame()
    {
        var image = new SyntheticImage(SyntheticImage.Vga);
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 3), TagScenes.TagSize, Left);
        image.DrawTag(AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 5), TagScenes.TagSize, Right);
        return new CameraFrame(image.Width, image.Height, PixelFormat.Gray8, image.Pixels, 0, 0);
    }
}
