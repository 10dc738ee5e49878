namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// Measures tag poses in one camera frame for <see cref="PositionBasedVisualServo"/>:
/// <see cref="AprilTagPoseObserver"/> detects and solves them; tests may stand in for the camera.
/// </summary>
public interface ITagPoseObserver
{
    /// <summary>The camera-from-tag pose of each of <paramref name="tags"/> found in <paramref name="frame"/>, by id; a tag not found is absent.</summary>
    /// <param name="frame">The frame to look in.</param>
    /// <param name="tags">The tags wanted, with their sizes.</param>
    IReadOnlyDictionary<int, PoseEstimate> Observe(CameraFrame frame, IReadOnlyList<ServoTag> tags);
}
