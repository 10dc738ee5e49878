namespace RobotSdk.Calibration.Procedure;

/// <summary>What a <see cref="CalibrationCapture"/> run collected.</summary>
/// <param name="Captured">The poses where the tag was found, in visiting order.</param>
/// <param name="TagNotFound">Poses reached where the tag was not detected (out of view, too oblique, occluded).</param>
/// <param name="Unreachable">Poses the arm could not reach (the rig's move failed, for example a link blocked by the table).</param>
/// <param name="Refused">Poses skipped because they could not be approached from the chosen side within the joint limits.</param>
public sealed record CaptureOutcome(IReadOnlyList<CapturedPose> Captured, int TagNotFound, int Unreachable, int Refused);
