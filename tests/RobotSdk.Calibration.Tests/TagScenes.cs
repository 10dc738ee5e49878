using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Tests;

/// <summary>Ground truth shared by the tests: poses of a 40 mm tag at 0.3-0.6 m, corner errors, pose errors.</summary>
internal static class TagScenes
{
    public const double TagSize = 0.040;

    /// <summary>A tag at <paramref name="distance"/> m, off-axis by (dx, dy) m, tilted by roll/pitch/yaw degrees.</summary>
    public static Pose TagPose(double distance, double dx, double dy, double rollDegrees, double pitchDegrees, double yawDegrees) =>
        new(new Vector3D(dx, dy, distance), Rotation.FromRollPitchYaw(Radians(rollDegrees), Radians(pitchDegrees), Radians(yawDegrees)));

    public static double Radians(double degrees) => degrees * Math.PI / 180;

    public static double Degrees(double radians) => radians * 180 / Math.PI;

    public static PixelPoint[] TrueCorners(CameraModel camera, Pose cameraFromTag, double tagSize = TagSize) =>
        AprilTagGeometry.Corners(tagSize).Select(p => camera.Project(cameraFromTag.Transform(p))).ToArray();

    public static double CornerRms(IReadOnlyList<PixelPoint> detected, IReadOnlyList<PixelPoint> truth) =>
        Math.Sqrt(detected.Zip(truth, (a, b) => a.DistanceTo(b) * a.DistanceTo(b)).Average());

    public static double TranslationErrorMm(Pose estimate, Pose truth) => (estimate.Position - truth.Position).Length * 1000;

    public static double RotationErrorDegrees(Pose estimate, Pose truth) => Degrees(estimate.Orientation.AngleTo(truth.Orientation));

    /// <summary>A seeded random view of a tag: 0.3-0.6 m, within the image, tilted up to 40 degrees, any roll about its normal.</summary>
    public static Pose RandomView(Random random)
    {
        double distance = 0.3 + (0.3 * random.NextDouble());
        double tilt = 40 * random.NextDouble();
        double direction = 2 * Math.PI * random.NextDouble();
        return TagScenes.TagPose(
            distance,
            distance * 0.15 * ((2 * random.NextDouble()) - 1),
            distance * 0.12 * ((2 * random.NextDouble()) - 1),
            tilt * Math.Cos(direction),
            tilt * Math.Sin(direction),
            360 * random.NextDouble());
    }

    /// <summary>One tag on white paper at <paramref name="cameraFromTag"/>, with seeded noise when <paramref name="noise"/> is above 0.</summary>
    public static SyntheticImage Render(AprilTagFamily family, int id, Pose cameraFromTag, double noise, int seed)
    {
        var image = new SyntheticImage(SyntheticImage.Vga);
        image.DrawTag(AprilTagBitmap.Create(family, id), TagScenes.TagSize, cameraFromTag);
        if (noise > 0)
        {
            image.AddNoise(noise, seed);
        }

        return image;
    }
}
