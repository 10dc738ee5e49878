namespace RobotSdk.Calibration;

/// <summary>
/// Removes lens distortion from pixels: the inverse of <see cref="CameraModel"/>'s distortion by Newton's
/// method on the 2 x 2 model (quadratic convergence, unlike fixed-point iteration which slows or diverges
/// towards strongly distorted image corners).
/// </summary>
public static class PointUndistortion
{
    /// <summary>Normalized-coordinate tolerance of the inverse: |distort(result) - observed| below it (about 6e-10 px at f ≈ 600) or no result.</summary>
    public const double Tolerance = 1e-12;

    private const int MaxIterations = 50;

    /// <summary>Newton step (normalized units) below which the iteration stops: about 1e-11 px at f ≈ 600.</summary>
    private const double StepTolerance = 1e-14;

    /// <summary>
    /// The undistorted normalized coordinates (X/Z, Y/Z) of the ray through <paramref name="pixel"/>;
    /// false when the distortion model cannot be inverted there (beyond its fold, where it is not one-to-one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="camera"/> is null.</exception>
    public static bool TryUndistortToNormalized(CameraModel camera, PixelPoint pixel, out double x, out double y)
    {
        ArgumentNullException.ThrowIfNull(camera);
        CameraIntrinsics k = camera.Intrinsics;
        double xd = (pixel.X - k.PrincipalPointX) / k.FocalLengthX;
        double yd = (pixel.Y - k.PrincipalPointY) / k.FocalLengthY;
        (x, y) = (xd, yd);
        if (!camera.HasDistortion)
        {
            return true;
        }

        Span<double> j = stackalloc double[4];
        for (int i = 0; i < MaxIterations; i++)
        {
            (double fx, double fy) = camera.Distort(x, y, j);
            double ex = fx - xd, ey = fy - yd;
            double det = (j[0] * j[3]) - (j[1] * j[2]);
            if (!(det > 1e-12))
            {
                // A non-positive Jacobian determinant: past the fold of the radial polynomial.
                return false;
            }

            double stepX = ((j[3] * ex) - (j[1] * ey)) / det;
            double stepY = ((j[0] * ey) - (j[2] * ex)) / det;
            x -= stepX;
            y -= stepY;

            // Newton converges quadratically, so once a step is this small the next would be at rounding level.
            if (Math.Abs(stepX) < StepTolerance && Math.Abs(stepY) < StepTolerance)
            {
                return Math.Abs(ex) < Tolerance && Math.Abs(ey) < Tolerance;
            }
        }

        return false;
    }

    /// <summary>
    /// The undistorted normalized coordinates of <paramref name="pixel"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="camera"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The pixel lies where the distortion model cannot be inverted.</exception>
    public static (double X, double Y) UndistortToNormalized(CameraModel camera, PixelPoint pixel) =>
        TryUndistortToNormalized(camera, pixel, out double x, out double y)
            ? (x, y)
            : throw new ArgumentOutOfRangeException(nameof(pixel), pixel, "The distortion model cannot be inverted at this pixel (it lies beyond the model's fold, far outside the calibrated field).");

    /// <summary>
    /// Where <paramref name="pixel"/> would appear in the distortion-free camera with the same fx, fy, cx, cy
    /// (the pixel an <see cref="UndistortionMap"/> to those intrinsics puts it at).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="camera"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The pixel lies where the distortion model cannot be inverted.</exception>
    public static PixelPoint UndistortToPixel(CameraModel camera, PixelPoint pixel)
    {
        (double x, double y) = UndistortToNormalized(camera, pixel);
        CameraIntrinsics k = camera.Intrinsics;
        return new PixelPoint((k.FocalLengthX * x) + k.PrincipalPointX, (k.FocalLengthY * y) + k.PrincipalPointY);
    }

    /// <summary>Undistorts many pixels into <paramref name="destination"/> (same length; may be the same span), without allocating.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="camera"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pixel lies where the distortion model cannot be inverted.</exception>
    public static void UndistortToPixels(CameraModel camera, ReadOnlySpan<PixelPoint> pixels, Span<PixelPoint> destination)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (pixels.Length != destination.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} points for {pixels.Length} pixels.", nameof(destination));
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            destination[i] = UndistortToPixel(camera, pixels[i]);
        }
    }
}
