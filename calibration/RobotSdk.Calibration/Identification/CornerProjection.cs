using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>
/// Pinhole projection with Brown-Conrady distortion over <see cref="CameraIntrinsics"/>, and the
/// corners of a square tag. Kept small and separate so it can merge with the camera model.
/// </summary>
/// <remarks>
/// Camera frame: x right, y down, z forward (optical axis). Tag frame: the tag's centre, z out of
/// its printed face; the corners, in order, are (-s/2, -s/2), (s/2, -s/2), (s/2, s/2), (-s/2, s/2)
/// for a tag of side s, so a tag facing the camera upright shows them top-left, top-right,
/// bottom-right, bottom-left.
/// </remarks>
internal readonly struct CornerProjection
{
    public const int CornerCount = 4;

    private readonly double _fx, _fy, _cx, _cy, _k1, _k2, _k3, _p1, _p2;

    public CornerProjection(CameraIntrinsics intrinsics)
    {
        ArgumentNullException.ThrowIfNull(intrinsics);
        _fx = intrinsics.FocalLengthX;
        _fy = intrinsics.FocalLengthY;
        _cx = intrinsics.PrincipalPointX;
        _cy = intrinsics.PrincipalPointY;
        IReadOnlyList<double> d = intrinsics.Distortion;
        _k1 = d.Count > 0 ? d[0] : 0;
        _k2 = d.Count > 1 ? d[1] : 0;
        _k3 = d.Count > 2 ? d[2] : 0;
        _p1 = d.Count > 3 ? d[3] : 0;
        _p2 = d.Count > 4 ? d[4] : 0;
    }

    /// <summary>Corner <paramref name="index"/> (0..3) of a tag of side <paramref name="sizeMeters"/>, in the tag frame.</summary>
    public static Vector3D TagCorner(int index, double sizeMeters)
    {
        double h = sizeMeters / 2;
        return index switch
        {
            0 => new Vector3D(-h, -h, 0),
            1 => new Vector3D(h, -h, 0),
            2 => new Vector3D(h, h, 0),
            3 => new Vector3D(-h, h, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A tag has corners 0 to 3."),
        };
    }

    /// <summary>Projects a point in the camera frame; false when it lies behind the camera.</summary>
    public bool Project(Vector3D pointInCamera, out PixelPoint pixel)
    {
        if (pointInCamera.Z <= 1e-9)
        {
            pixel = default;
            return false;
        }

        double x = pointInCamera.X / pointInCamera.Z;
        double y = pointInCamera.Y / pointInCamera.Z;
        Distort(x, y, out double xd, out double yd);
        pixel = new PixelPoint((_fx * xd) + _cx, (_fy * yd) + _cy);
        return true;
    }

    /// <summary>Normalised, undistorted image coordinates (x/z, y/z) of a pixel, by fixed-point iteration.</summary>
    public (double X, double Y) Normalize(PixelPoint pixel)
    {
        double xd = (pixel.X - _cx) / _fx;
        double yd = (pixel.Y - _cy) / _fy;
        double x = xd, y = yd;
        for (int i = 0; i < 20; i++)
        {
            Distort(x, y, out double px, out double py);
            x += xd - px;
            y += yd - py;
        }

        return (x, y);
    }

    private void Distort(double x, double y, out double xd, out double yd)
    {
        double r2 = (x * x) + (y * y);
        double radial = 1 + (r2 * (_k1 + (r2 * (_k2 + (r2 * _k3)))));
        xd = (x * radial) + (2 * _p1 * x * y) + (_p2 * (r2 + (2 * x * x)));
        yd = (y * radial) + (_p1 * (r2 + (2 * y * y))) + (2 * _p2 * x * y);
    }
}
