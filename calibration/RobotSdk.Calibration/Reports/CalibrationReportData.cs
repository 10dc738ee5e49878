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

    /// <summary>Per held-out pose: corner reprojection RMS with the nominal chain, pixels; empty, or as many as the held-out tool errors.</summary>
    public IReadOnlyList<double> HeldOutReprojectionPixelsBefore { get; init; } = [];

    /// <summary>Per held-out pose: corner reprojection RMS with the calibrated chain, pixels; as many as <see cref="HeldOutReprojectionPixelsBefore"/>.</summary>
    public IReadOnlyList<double> HeldOutReprojectionPixelsAfter { get; init; } = [];

    /// <summary>How the held-out tool errors were measured, in a sentence for the reader (default: by the camera, from the tag pose).</summary>
    public string HeldOutMeasurement { get; init; } =
        "Measured by the camera: the distance between the tag centre each model predicts and the tag centre the camera saw (tag pose from its four corners), in the camera frame. " +
        "Before: the nominal kinematics with a hand-eye calibrated camera; after: the calibrated kinematics.";

    /// <summary>A camera frame with predicted and detected tag corners; null for no overlay.</summary>
    public ReportOverlay? Overlay { get; init; }
}
