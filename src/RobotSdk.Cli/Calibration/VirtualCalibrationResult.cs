namespace RobotSdk.Cli.Calibration;

/// <summary>
/// What <c>robot calibrate --virtual</c> measured (printed as JSON with snake_case names). Tool errors
/// are medians over the held-out poses of the distance between the tool point a model predicts from
/// the measured joints and where the simulation says it is, both in the camera frame (see
/// <see cref="VirtualCalibration"/> for why that frame).
/// </summary>
internal sealed record VirtualCalibrationResult
{
    public required string Arm { get; init; }

    public required int Seed { get; init; }

    /// <summary>The backlash injected into every hinge joint, degrees (the whole play).</summary>
    public required double BacklashDegrees { get; init; }

    public required int PosesPlanned { get; init; }

    public required int PosesUsed { get; init; }

    public required int HeldOutUsed { get; init; }

    public required int TagNotFound { get; init; }

    public required int Unreachable { get; init; }

    public required int Refused { get; init; }

    /// <summary>Nominal kinematics and the nominal (MJCF) camera pose: no calibration at all.</summary>
    public required double ToolErrorMmBefore { get; init; }

    /// <summary>Nominal kinematics with the camera pose from hand-eye calibration (camera found, arm not corrected).</summary>
    public required double ToolErrorMmHandEyeOnly { get; init; }

    /// <summary>Calibrated kinematics with the identified camera pose.</summary>
    public required double ToolErrorMmAfter { get; init; }

    /// <summary>Median |estimated - true| zero offset over the joints the identification estimated, degrees.</summary>
    public required double JointOffsetErrorDeg { get; init; }

    /// <summary>RMS corner reprojection error at the solution, pixels.</summary>
    public required double ReprojectionPx { get; init; }

    /// <summary>Path of the written report; null until the report writer exists.</summary>
    public string? Report { get; init; }

    public required IReadOnlyList<VirtualCalibrationJoint> Joints { get; init; }

    public required IReadOnlyList<string> Identifiability { get; init; }

    public required double ElapsedSeconds { get; init; }
}
