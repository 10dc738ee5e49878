using RobotSdk.Geometry;

namespace RobotSdk.Calibration;

/// <summary>
/// Pinhole projection with Brown-Conrady distortion for a <see cref="CameraIntrinsics"/>: camera frame
/// x right, y down, z forward; pixels with centres at +0.5.
/// </summary>
/// <remarks>
/// With normalized coordinates x = X/Z, y = Y/Z and r² = x² + y²:
/// x' = x (1 + k1 r² + k2 r⁴ + k3 r⁶) + 2 p1 x y + p2 (r² + 2 x²),
/// y' = y (1 + k1 r² + k2 r⁴ + k3 r⁶) + p1 (r² + 2 y²) + 2 p2 x y,
/// u = fx x' + cx, v = fy y' + cy. The coefficients are read in the record's order k1, k2, k3, p1, p2
/// (OpenCV orders them k1, k2, p1, p2, k3). OpenCV's cx, cy are 0.5 smaller than ours for the same camera.
/// </remarks>
public sealed class CameraModel
{
    private readonly double k1;
    private readonly double k2;
    private readonly double k3;
    private readonly double p1;
    private readonly double p2;

    /// <summary>Creates the model.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="intrinsics"/> is null.</exception>
    /// <exception cref="ArgumentException">Focal lengths are not positive or the distortion list does not hold 5 numbers.</exception>
    public CameraModel(CameraIntrinsics intrinsics)
    {
        ArgumentNullException.ThrowIfNull(intrinsics);
        if (!(intrinsics.FocalLengthX > 0) || !(intrinsics.FocalLengthY > 0))
        {
            throw new ArgumentException($"Focal lengths must be positive (fx {intrinsics.FocalLengthX}, fy {intrinsics.FocalLengthY}).", nameof(intrinsics));
        }

        IReadOnlyList<double> d = intrinsics.Distortion ?? [0, 0, 0, 0, 0];
        if (d.Count != 5)
        {
            throw new ArgumentException($"Distortion must hold k1, k2, k3, p1, p2 (5 numbers) but has {d.Count}.", nameof(intrinsics));
        }

        Intrinsics = intrinsics;
        (k1, k2, k3, p1, p2) = (d[0], d[1], d[2], d[3], d[4]);
        HasDistortion = k1 != 0 || k2 != 0 || k3 != 0 || p1 != 0 || p2 != 0;
    }

    /// <summary>The intrinsics this model projects with.</summary>
    public CameraIntrinsics Intrinsics { get; }

    /// <summary>Depth (metres) a point must exceed for <see cref="TryProject(Vector3D, out PixelPoint)"/> to project it.</summary>
    public const double MinimumDepthMetres = 1e-9;

    /// <summary>Whether any distortion coefficient is non-zero.</summary>
    public bool HasDistortion { get; }

    /// <summary>Projects a point in the camera frame (metres, Z &gt; 0) to a pixel.</summary>
    public PixelPoint Project(Vector3D pointInCamera)
    {
        double x = pointInCamera.X / pointInCamera.Z;
        double y = pointInCamera.Y / pointInCamera.Z;
        (double xd, double yd) = Distort(x, y);
        return new PixelPoint((Intrinsics.FocalLengthX * xd) + Intrinsics.PrincipalPointX, (Intrinsics.FocalLengthY * yd) + Intrinsics.PrincipalPointY);
    }

    /// <summary>
    /// Projects a point in the camera frame to a pixel; false (and no pixel) when it is not in front of
    /// the camera (Z at most <see cref="MinimumDepthMetres"/>). Allocation-free, for solver inner loops.
    /// </summary>
    public bool TryProject(Vector3D pointInCamera, out PixelPoint pixel)
    {
        if (!(pointInCamera.Z > MinimumDepthMetres))
        {
            pixel = default;
            return false;
        }

        pixel = Project(pointInCamera);
        return true;
    }

    /// <summary>
    /// <see cref="TryProject(Vector3D, out PixelPoint)"/> with the analytic derivative of the pixel with
    /// respect to the point, distortion included: <paramref name="jacobian"/> receives the row-major 2 x 3
    /// matrix (du/dX, du/dY, du/dZ, dv/dX, dv/dY, dv/dZ). Allocation-free.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> holds fewer than 6 numbers.</exception>
    public bool TryProject(Vector3D pointInCamera, out PixelPoint pixel, Span<double> jacobian)
    {
        if (jacobian.Length < 6)
        {
            throw new ArgumentException($"The 2 x 3 Jacobian needs 6 numbers, got {jacobian.Length}.", nameof(jacobian));
        }

        if (!TryProject(pointInCamera, out pixel))
        {
            jacobian[..6].Clear();
            return false;
        }

        double inverseZ = 1 / pointInCamera.Z;
        double x = pointInCamera.X * inverseZ;
        double y = pointInCamera.Y * inverseZ;
        double r2 = (x * x) + (y * y);
        double radial = 1 + (r2 * (k1 + (r2 * (k2 + (r2 * k3)))));
        double radialSlope = k1 + (r2 * ((2 * k2) + (3 * k3 * r2))); // d radial / d r²

        // Distorted (x', y') with respect to undistorted (x, y).
        double dxdx = radial + (2 * x * x * radialSlope) + (2 * p1 * y) + (6 * p2 * x);
        double dxdy = (2 * x * y * radialSlope) + (2 * p1 * x) + (2 * p2 * y);
        double dydx = dxdy; // the mixed terms agree: 2xy radial' + 2 p1 x + 2 p2 y
        double dydy = radial + (2 * y * y * radialSlope) + (6 * p1 * y) + (2 * p2 * x);

        // (x, y) with respect to (X, Y, Z): (1/Z, 0, -x/Z) and (0, 1/Z, -y/Z).
        double fx = Intrinsics.FocalLengthX * inverseZ;
        double fy = Intrinsics.FocalLengthY * inverseZ;
        jacobian[0] = fx * dxdx;
        jacobian[1] = fx * dxdy;
        jacobian[2] = -fx * ((dxdx * x) + (dxdy * y));
        jacobian[3] = fy * dydx;
        jacobian[4] = fy * dydy;
        jacobian[5] = -fy * ((dydx * x) + (dydy * y));
        return true;
    }

    /// <summary>
    /// The undistorted normalized coordinates (X/Z, Y/Z) of the ray through <paramref name="pixel"/>,
    /// by fixed-point iteration of the distortion model (exact without distortion).
    /// </summary>
    public (double X, double Y) Normalize(PixelPoint pixel)
    {
        double xd = (pixel.X - Intrinsics.PrincipalPointX) / Intrinsics.FocalLengthX;
        double yd = (pixel.Y - Intrinsics.PrincipalPointY) / Intrinsics.FocalLengthY;
        if (!HasDistortion)
        {
            return (xd, yd);
        }

        double x = xd;
        double y = yd;
        for (int i = 0; i < 50; i++)
        {
            double r2 = (x * x) + (y * y);
            double radial = 1 + (r2 * (k1 + (r2 * (k2 + (r2 * k3)))));
            double dx = (2 * p1 * x * y) + (p2 * (r2 + (2 * x * x)));
            double dy = (p1 * (r2 + (2 * y * y))) + (2 * p2 * x * y);
            double nextX = (xd - dx) / radial;
            double nextY = (yd - dy) / radial;
            bool converged = Math.Abs(nextX - x) < 1e-14 && Math.Abs(nextY - y) < 1e-14;
            (x, y) = (nextX, nextY);
            if (converged)
            {
                break;
            }
        }

        return (x, y);
    }

    /// <summary>
    /// The distortion model at (x, y) with its 2 x 2 derivative d(x', y') / d(x, y), row-major into
    /// <paramref name="jacobian"/> (at least 4 numbers); for Newton inversion.
    /// </summary>
    internal (double X, double Y) Distort(double x, double y, Span<double> jacobian)
    {
        double r2 = (x * x) + (y * y);
        double radial = 1 + (r2 * (k1 + (r2 * (k2 + (r2 * k3)))));
        double radialSlope = k1 + (r2 * ((2 * k2) + (3 * k3 * r2)));
        jacobian[0] = radial + (2 * x * x * radialSlope) + (2 * p1 * y) + (6 * p2 * x);
        jacobian[1] = (2 * x * y * radialSlope) + (2 * p1 * x) + (2 * p2 * y);
        jacobian[2] = jacobian[1];
        jacobian[3] = radial + (2 * y * y * radialSlope) + (6 * p1 * y) + (2 * p2 * x);
        return Distort(x, y);
    }

    /// <summary>Applies the distortion model to normalized coordinates.</summary>
    public (double X, double Y) Distort(double x, double y)
    {
        double r2 = (x * x) + (y * y);
        double radial = 1 + (r2 * (k1 + (r2 * (k2 + (r2 * k3)))));
        return (
            (x * radial) + (2 * p1 * x * y) + (p2 * (r2 + (2 * x * x))),
            (y * radial) + (p1 * (r2 + (2 * y * y))) + (2 * p2 * x * y));
    }
}
