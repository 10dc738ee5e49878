namespace RobotSdk.Calibration.Identification;

/// <summary>
/// A point in an image, in pixels, in continuous coordinates: the pixel (0, 0) covers 0..1,
/// so its centre is (0.5, 0.5), the convention of <see cref="CameraIntrinsics"/>.
/// </summary>
/// <param name="X">Column coordinate, pixels, rightwards.</param>
/// <param name="Y">Row coordinate, pixels, downwards.</param>
public readonly record struct PixelPoint(double X, double Y);
