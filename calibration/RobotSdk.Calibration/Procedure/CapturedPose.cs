using RobotSdk.Calibration.Identification;

namespace RobotSdk.Calibration.Procedure;

/// <summary>One pose where the tag was found.</summary>
/// <param name="PoseIndex">Index of the pose in the list captured.</param>
/// <param name="Observation">Measured joints and tag corners.</param>
public sealed record CapturedPose(int PoseIndex, PoseObservation Observation);
