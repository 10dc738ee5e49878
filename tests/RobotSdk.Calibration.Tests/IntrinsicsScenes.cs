using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests;

/// <summary>Ground truth for intrinsics calibration: a distorted VGA camera and seeded views of a 4 x 3 board of 40 mm tags.</summary>
internal static class IntrinsicsScenes
{
    /// <summary>fx ≈ 580 with a barrel lens (k1 -0.2, k2 0.05) and slight decentring; principal point off-centre.</summary>
    public static CameraIntrinsics Camera => new(640, 480, 580, 584, 323.5, 236.25) { Distortion = [-0.2, 0.05, 0, 0.0012, -0.0008] };

    public static TagBoard Board => TagBoard.Grid(AprilTagFamily.Tag36h11, 4, 3, TagScenes.TagSize, 0.05);

    /// <summary>The board's points (every tag corner) on its z = 0 plane.</summary>
    public static Vector3D[] BoardPoints(TagBoard board) =>
        board.Tags.SelectMany(t => AprilTagGeometry.Corners(t.SizeMetres).Select(c => t.BoardFromTag.Transform(c))).ToArray();

    /// <summary>
    /// Seeded camera-from-board poses: board centre 0.3-0.45 m away, tilted 15-40 degrees in a random direction,
    /// turned up to 30 degrees in its plane, every point at least <paramref name="marginPixels"/> inside the image.
    /// </summary>
    public static Pose[] Views(int count, int seed, double marginPixels = 12)
    {
        var random = new Random(seed);
        var camera = new CameraModel(Camera);
        Vector3D[] points = BoardPoints(Board);
        var centre = new Vector3D(0.075, 0.05, 0);
        var views = new List<Pose>();
        while (views.Count < count)
        {
            double distance = 0.3 + (0.15 * random.NextDouble());
            double tilt = TagScenes.Radians(15 + (25 * random.NextDouble()));
            double direction = 2 * Math.PI * random.NextDouble();
            Rotation rotation = Rotation.FromAxisAngle(new Vector3D(Math.Cos(direction), Math.Sin(direction), 0), tilt)
                * Rotation.FromAxisAngle(new Vector3D(0, 0, 1), TagScenes.Radians(60 * (random.NextDouble() - 0.5)));
            var offset = new Vector3D(distance * 0.2 * (random.NextDouble() - 0.5), distance * 0.15 * (random.NextDouble() - 0.5), distance);
            var pose = new Pose(offset - rotation.Rotate(centre), rotation);
            bool inside = points.All(p =>
            {
                PixelPoint pixel = camera.Project(pose.Transform(p));
                return pixel.X > marginPixels && pixel.X < Camera.Width - marginPixels && pixel.Y > marginPixels && pixel.Y < Camera.Height - marginPixels;
            });
            if (inside)
            {
                views.Add(pose);
            }
        }

        return [.. views];
    }

    /// <summary>Exact projections of the board points under each view, plus seeded Gaussian noise of <paramref name="sigmaPixels"/> per axis.</summary>
    public static IntrinsicsCalibrationView[] Observe(IEnumerable<Pose> views, double sigmaPixels, int seed)
    {
        var random = new Random(seed);
        var camera = new CameraModel(Camera);
        Vector3D[] points = BoardPoints(Board);
        return views.Select(pose => new IntrinsicsCalibrationView(
            points,
            points.Select(p =>
            {
                PixelPoint pixel = camera.Project(pose.Transform(p));
                return new PixelPoint(pixel.X + (sigmaPixels * Gaussian(random)), pixel.Y + (sigmaPixels * Gaussian(random)));
            }).ToArray())).ToArray();
    }

    /// <summary>The board drawn under <paramref name="cameraFromBoard"/> by a camera with <paramref name="intrinsics"/>.</summary>
    public static SyntheticImage Render(CameraIntrinsics intrinsics, Pose cameraFromBoard, int samples = 16)
    {
        var image = new SyntheticImage(intrinsics);
        foreach (BoardTag tag in Board.Tags)
        {
            image.DrawTag(AprilTagBitmap.Create(tag.Family, tag.Id), tag.SizeMetres, cameraFromBoard * tag.BoardFromTag, samples);
        }

        return image;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
