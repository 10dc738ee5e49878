namespace RobotSdk.Calibration.Reports;

/// <summary>A camera frame with tag corners to draw over it in the report.</summary>
/// <param name="Width">Frame width, pixels.</param>
/// <param name="Height">Frame height, pixels.</param>
/// <param name="Rgb24">Packed RGB, 3 bytes per pixel, rows top to bottom without padding; empty draws a plain background.</param>
/// <param name="Detected">Corners the detector found, pixels (x right, y down, origin at the top-left pixel's centre).</param>
/// <param name="Predicted">Corners the calibrated model projects, pixels; index i pairs with detected i where both exist.</param>
public sealed record ReportOverlay(int Width, int Height, ReadOnlyMemory<byte> Rgb24, IReadOnlyList<PixelPoint> Detected, IReadOnlyList<PixelPoint> Predicted);
