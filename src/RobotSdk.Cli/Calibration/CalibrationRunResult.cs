namespace RobotSdk.Cli.Calibration;

/// <summary>
/// What <c>robot calibrate</c> measured, printed as JSON with snake_case names. Ground-truth fields are
/// null for a real arm. Tool errors are medians over the held-out poses: for a virtual arm, the distance
/// between the tool point a model predicts from the measured joints and where the simulation says it is,
/// both in the camera frame (see <see cref="VirtualCalibration"/>); for a real arm, the camera's
/// measurement (<see cref="CameraToolErrorMmBefore"/>, <see cref="CameraToolErrorMmAfter"/>), the only one there is.
/// </summary>
internal sealed record CalibrationRunResult
{
    /// <summary><c>virtual</c> or <c>arm</c> (a real arm, or anything behind a real driver and a camera).</summary>
    public required string Mode { get; init; }

    public required string Arm { get; init; }

    public required string ArmIdentity { get; init; }

    public required string Camera { get; init; }

    public required int Seed { get; init; }

    /// <summary>Virtual arms: the backlash injected into every hinge joint, degrees (the whole play); null for a real arm.</summary>
    public double? BacklashDegrees { get; init; }

    /// <summary>Virtual arms: the largest tool-frame offset error injected, millimetres (0 unless asked for; not observable by a gripper tag); null for a real arm.</summary>
    public double? ToolOffsetErrorMillimeters { get; init; }

    public required int PosesPlanned { get; init; }

    public required int PosesUsed { get; init; }

    public required int HeldOutUsed { get; init; }

    public required int TagNotFound { get; init; }

    public required int Unreachable { get; init; }

    public required int Refused { get; init; }

    /// <summary>Virtual: nominal kinematics and the nominal (MJCF) camera pose against ground truth. Real: <see cref="CameraToolErrorMmBefore"/>.</summary>
    public required double? ToolErrorMmBefore { get; init; }

    /// <summary>Virtual only: nominal kinematics with the camera pose from hand-eye calibration (camera found, arm not corrected), against ground truth.</summary>
    public required double? ToolErrorMmHandEyeOnly { get; init; }

    /// <summary>Virtual: calibrated kinematics with the identified camera pose against ground truth. Real: <see cref="CameraToolErrorMmAfter"/>.</summary>
    public required double? ToolErrorMmAfter { get; init; }

    /// <summary>Measured by the camera on held-out poses: tag centre predicted by the nominal chain (hand-eye camera) vs the tag pose seen, median, mm.</summary>
    public required double? CameraToolErrorMmBefore { get; init; }

    /// <summary>Measured by the camera on held-out poses: tag centre predicted by the calibrated chain vs the tag pose seen, median, mm.</summary>
    public required double? CameraToolErrorMmAfter { get; init; }

    /// <summary>Corner reprojection RMS on the held-out poses with the nominal chain (hand-eye camera), pixels.</summary>
    public required double? HeldOutReprojectionPxBefore { get; init; }

    /// <summary>Corner reprojection RMS on the held-out poses with the calibrated chain, pixels.</summary>
    public required double? HeldOutReprojectionPxAfter { get; init; }

    /// <summary>Virtual only: median |estimated - true| zero offset over the joints the identification estimated, degrees.</summary>
    public required double? JointOffsetErrorDeg { get; init; }

    /// <summary>RMS corner reprojection error at the solution, pixels.</summary>
    public required double ReprojectionPx { get; init; }

    /// <summary>Path of the HTML report.</summary>
    public string? Report { get; init; }

    /// <summary>Path of the kinematic calibration file (<c>KinematicCalibrationFile</c>).</summary>
    public string? CalibrationFile { get; init; }

    public required IReadOnlyList<CalibrationRunJoint> Joints { get; init; }

    public required IReadOnlyList<string> Identifiability { get; init; }

    /// <summary>The tag-mount prior the solve weighed, in words, or why there was none (the tag's pose on the gripper was then left free).</summary>
    public required string TagMountPrior { get; init; }

    public required double ElapsedSeconds { get; init; }
}
