using RobotSdk.Geometry;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// Where a tag's black-border corners must appear: the tag site's world pose (from MuJoCo), the
/// camera's optical pose and intrinsics, a pinhole projection. Corners in the detector's order:
/// left-bottom, right-bottom, right-top, left-top of the tag image, which the MJCF convention puts
/// at site (-s, -s), (+s, -s), (+s, +s), (-s, +s) with s = size[0].
/// </summary>
internal static class AprilTagProjection
{
    public static (double X, double Y)[] ProjectCorners(Pose site, double halfBlackBorder, Pose optical, CameraIntrinsics k)
    {
        (double X, double Y)[] tagCorners = [(-1, -1), (1, -1), (1, 1), (-1, 1)];
        return tagCorners.Select(corner =>
        {
            Vector3D world = site.Transform(new Vector3D(corner.X * halfBlackBorder, corner.Y * halfBlackBorder, 0));
            Vector3D p = optical.Inverse().Transform(world);
            return (k.PrincipalPointX + (k.FocalLengthX * p.X / p.Z), k.PrincipalPointY + (k.FocalLengthY * p.Y / p.Z));
        }).ToArray();
    }

    /// <summary>Each corner's distance from where it was projected, pixels.</summary>
    public static double[] CornerErrors(DetectedTag detected, (double X, double Y)[] projected) =>
        Enumerable.Range(0, 4).Select(i => Math.Sqrt(Square(detected.Corners[i].X - projected[i].X) + Square(detected.Corners[i].Y - projected[i].Y))).ToArray();

    private static double Square(double value) => value * value;
}
