namespace RobotSdk.Calibration;

/// <summary>Which parameters <see cref="IntrinsicsCalibration"/> estimates, and how hard it tries.</summary>
public sealed class IntrinsicsCalibrationOptions
{
    /// <summary>
    /// Whether to estimate k3 (default false, held at 0): a sixth-order term only pays off for wide-angle
    /// lenses seen out to the image corners; otherwise it trades off against k1, k2 and overfits.
    /// </summary>
    public bool EstimateK3 { get; init; }

    /// <summary>Whether to estimate p1, p2 (default true); false holds them at 0.</summary>
    public bool EstimateTangentialDistortion { get; init; } = true;

    /// <summary>Levenberg-Marquardt iteration cap (default 200).</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>
    /// Pixel residual beyond which a point's loss grows linearly (Huber), limiting a misdetected corner's
    /// pull; 0 (the default) is plain least squares.
    /// </summary>
    public double HuberThresholdPixels { get; init; }
}
