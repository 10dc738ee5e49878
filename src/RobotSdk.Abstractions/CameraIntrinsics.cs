namespace RobotSdk;

/// <summary>
/// Pinhole intrinsics with radial-tangential (Brown-Conrady) distortion, in pixels, with
/// pixel centres at +0.5 (the pixel (0,0) covers 0..1).
/// </summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="FocalLengthX">fx in pixels.</param>
/// <param name="FocalLengthY">fy in pixels.</param>
/// <param name="PrincipalPointX">cx in pixels.</param>
/// <param name="PrincipalPointY">cy in pixels.</param>
public sealed record CameraIntrinsics(int Width, int Height, double FocalLengthX, double FocalLengthY, double PrincipalPointX, double PrincipalPointY)
{
    /// <summary>Radial coefficients k1, k2, k3 and tangential p1, p2, in that order; all zero for an ideal lens.</summary>
    public IReadOnlyList<double> Distortion { get; init; } = [0, 0, 0, 0, 0];
}
