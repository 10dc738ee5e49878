namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// Measures the gripper tag and the target in one camera frame for <see cref="PositionBasedVisualServo"/>:
/// <see cref="AprilTagPoseObserver"/> detects and solves them; tests may stand in for the camera.
/// </summary>
public interface ITagPoseObserver
{
    /// <summary>The camera-from-tag pose of the gripper tag and the camera-from-target pose of the target board (or single tag) in <paramref name="frame"/>.</summary>
    /// <param name="frame">The frame to look in.</param>
    /// <param name="target">The gripper tag and the target's tags, with their sizes and board poses.</param>
    VisualServoObservation Observe(CameraFrame frame, VisualServoTarget target);
}
