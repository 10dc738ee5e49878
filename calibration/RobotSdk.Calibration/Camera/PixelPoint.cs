namespace RobotSdk.Calibration;

/// <summary>
/// A point in an image, in pixels, with RobotSdk's convention: pixel centres at +0.5, so the pixel
/// (0,0) covers 0..1 in x and y and the image spans 0..width by 0..height (see <see cref="CameraIntrinsics"/>).
/// </summary>
/// <param name="X">Column coordinate, right positive.</param>
/// <param name="Y">Row coordinate, down positive.</param>
public readonly record struct PixelPoint(double X, double Y)
{
    /// <summary>Euclidean distance to <paramref name="other"/> in pixels.</summary>
    public double DistanceTo(PixelPoint other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({X:0.####}, {Y:0.####})");
}
