using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Calibration.Tests;

public sealed class TagBoardTests(ITestOutputHelper output)
{
    private static readonly CameraModel Camera = new(SyntheticImage.Vga);

    [Fact]
    public void EstimatePose_UsingEveryCorner_IsMoreAccurateThanSingleTags()
    {
        // A 3x3 grid of 40 mm tags, 50 mm apart, seen at 0.45-0.6 m through a noisy image.
        TagBoard board = TagBoard.Grid(AprilTagFamily.Tag36h11, 3, 3, TagScenes.TagSize, 0.05, firstId: 10);
        var random = new Random(5);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Sigma = 0.8f });
        double boardTranslation = 0, boardRotation = 0, singleTranslation = 0, singleRotation = 0;
        int views = 6, singles = 0;
        for (int view = 0; view < views; view++)
        {
            Pose cameraFromBoard = BoardView(random);
            var image = new SyntheticImage(SyntheticImage.Vga);
            foreach (BoardTag tag in board.Tags)
            {
                image.DrawTag(AprilTagBitmap.Create(tag.Family, tag.Id), tag.SizeMetres, cameraFromBoard * tag.BoardFromTag);
            }

            image.AddNoise(4, seed: 40 + view);
            IReadOnlyList<AprilTagDetection> detections = detector.Detect(image.Pixels, image.Width, image.Height, image.Width);
            Assert.Equal(board.Tags.Select(t => t.Id).Order(), detections.Select(d => d.Id).Order());

            PoseEstimate estimate = Assert.IsType<PoseEstimate>(board.EstimatePose(Camera, detections));

            Assert.Equal(36, estimate.PointCount);
            boardTranslation += Square(TagScenes.TranslationErrorMm(estimate.CameraFromObject, cameraFromBoard));
            boardRotation += Square(TagScenes.RotationErrorDegrees(estimate.CameraFromObject, cameraFromBoard));
            foreach (AprilTagDetection detection in detections)
            {
                BoardTag tag = board.Tags.Single(t => t.Id == detection.Id);
                Pose single = TagPoseEstimator.Estimate(Camera, detection, tag.SizeMetres).CameraFromObject * tag.BoardFromTag.Inverse();
                singleTranslation += Square(TagScenes.TranslationErrorMm(single, cameraFromBoard));
                singleRotation += Square(TagScenes.RotationErrorDegrees(single, cameraFromBoard));
                singles++;
            }
        }

        double boardMm = Math.Sqrt(boardTranslation / views), boardDeg = Math.Sqrt(boardRotation / views);
        double singleMm = Math.Sqrt(singleTranslation / singles), singleDeg = Math.Sqrt(singleRotation / singles);
        output.WriteLine(FormattableString.Invariant($"board RMS {boardMm:0.000} mm, {boardDeg:0.000} deg; single tags (as board poses) RMS {singleMm:0.000} mm, {singleDeg:0.000} deg"));
        Assert.True(boardMm < singleMm, "board translation should beat single tags");
        Assert.True(boardDeg < singleDeg, "board rotation should beat single tags");
        Assert.True(boardMm <= 1.5 && boardDeg <= 0.5);
    }

    [Fact]
    public void EstimatePose_IgnoresOtherTags_AndReturnsNull_WhenNoBoardTagIsSeen()
    {
        TagBoard board = TagBoard.Grid(AprilTagFamily.Tag36h11, 2, 2, TagScenes.TagSize, 0.05, firstId: 100);
        var stranger = new AprilTagDetection(AprilTagFamily.Tag36h11, 3, 0, 50, new PixelPoint(1, 1), new PixelPoint[4]);

        Assert.Null(board.EstimatePose(Camera, [stranger]));
    }

    [Fact]
    public void EstimatePose_OfANonPlanarBoard_RecoversThePose_FromExactCorners()
    {
        // Two tags on faces of a cube-like target, 90 degrees apart.
        var board = new TagBoard(
        [
            new BoardTag(AprilTagFamily.Tag36h11, 1, 0.04, Pose.Identity),
            new BoardTag(AprilTagFamily.Tag36h11, 2, 0.04, new Pose(new Vector3D(0.03, 0, 0.03), Rotation.FromAxisAngle(new Vector3D(0, 1, 0), -Math.PI / 2))),
        ]);
        Pose truth = TagScenes.TagPose(0.45, 0.01, 0.02, 10, 35, 15);
        var detections = board.Tags.Select(t =>
            new AprilTagDetection(t.Family, t.Id, 0, 100, default, TagScenes.TrueCorners(Camera, truth * t.BoardFromTag, t.SizeMetres))).ToArray();

        PoseEstimate estimate = board.EstimatePose(Camera, detections)!;

        Assert.True(TagScenes.TranslationErrorMm(estimate.CameraFromObject, truth) < 1e-4);
        Assert.True(TagScenes.RotationErrorDegrees(estimate.CameraFromObject, truth) < 1e-4);
    }

    [Fact]
    public void Constructor_RejectsATagListedTwice()
    {
        var tag = new BoardTag(AprilTagFamily.Tag36h11, 1, 0.04, Pose.Identity);

        var exception = Assert.Throws<ArgumentException>(() => new TagBoard([tag, tag]));

        Assert.Contains("appears twice", exception.Message);
    }

    private static double Square(double value) => value * value;

    private static Pose BoardView(Random random)
    {
        // Board centre (0.05, 0.05) on the optical axis, give or take, tilted up to 30 degrees.
        double distance = 0.45 + (0.15 * random.NextDouble());
        double tilt = 30 * random.NextDouble();
        double direction = 2 * Math.PI * random.NextDouble();
        Rotation orientation = Rotation.FromRollPitchYaw(TagScenes.Radians(tilt * Math.Cos(direction)), TagScenes.Radians(tilt * Math.Sin(direction)), 2 * Math.PI * random.NextDouble());
        Vector3D centre = new(0.02 * ((2 * random.NextDouble()) - 1), 0.02 * ((2 * random.NextDouble()) - 1), distance);
        return new Pose(centre - orientation.Rotate(new Vector3D(0.05, 0.05, 0)), orientation);
    }
}
