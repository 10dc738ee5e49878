namespace RobotSdk.Calibration.Servoing;

/// <summary>What one frame showed of a <see cref="VisualServoTarget"/>: the gripper tag's pose and the target's, each null when not found.</summary>
/// <param name="GripperTag">Camera-from-tag pose of the gripper tag, or null.</param>
/// <param name="Target">Camera-from-target pose (the board frame, or the single target tag's frame), or null.</param>
public sealed record VisualServoObservation(PoseEstimate? GripperTag, PoseEstimate? Target);
