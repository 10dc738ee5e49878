namespace RobotSdk.Calibration.Reports;

/// <summary>
/// What <see cref="CalibrationReport"/> plots: plain numbers, so the CLI can fill it from a virtual or a
/// real run. Every number must be finite.
/// </summary>
/// <param name="Arm">Arm model, for example <c>so101</c>.</param>
/// <param name="ArmIdentity">The physical arm's identity from its driver.</param>
/// <param name="CameraName">The camera used.</param>
/// <param name="CreatedUtc">When the calibration was made.</param>
/// <param name="RmsBeforePixels">Reprojection RMS over all poses with the nominal chain (camera and tag poses fitted), pixels.</param>
/// <param name="RmsAfterPixels">Reprojection RMS over all poses with the calibrated chain, pixels.</param>
/// <param name="ResidualsBeforePixels">Per pose: reprojection RMS with the nominal chain, pixels.</param>
/// <param name="ResidualsAfterPixels">Per pose: reprojection RMS with the calibrated chain, pixels; as many as before.</param>
/// <param name="JointNames">Joint names, in chain order.</param>
/// <param name="JointOffsetsRadians">Per joint: the identified zero offset, radians; as many as names.</param>
/// <param name="IdentifiabilityLines">What the data could and could not determine, one finding per line.</param>
public sealed record CalibrationReportData(
    string Arm,
    string ArmIdentity,
    string CameraName,
    DateTimeOffset CreatedUtc,
    double RmsBeforePixels,
    double RmsAfterPixels,
    IReadOnlyList<double> ResidualsBeforePixels,
    IReadOnlyList<double> ResidualsAfterPixels,
    IReadOnlyList<string> JointNames,
    IReadOnlyList<double> JointOffsetsRadians,
    IReadOnlyList<string> IdentifiabilityLines)
{
    /// <summary>Per held-out pose: tool position error with the nominal chain, millimetres; empty when none were held out.</summary>
    public IReadOnlyList<double> HeldOutToolErrorsBeforeMillimetres { get; init; } = [];

    /// <summary>Per held-out pose: tool position error with the calibrated chain, millimetres; empty when none were held out.</summary>
    public IReadOnlyList<double> HeldOutToolErrorsAfterMillimetres { get; init; } = [];

    /// <summary>A camera frame with predicted and detected tag corners; null for no overlay.</summary>
    public ReportOverlay? Overlay { get; init; }
}
