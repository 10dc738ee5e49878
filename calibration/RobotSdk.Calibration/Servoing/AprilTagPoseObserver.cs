using RobotSdk.Calibration.Fiducials;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// Tag poses from a real detector: each frame is searched once (<see cref="AprilTagDetector"/>), and
/// each wanted tag's corners give its pose (<see cref="TagPoseEstimator"/>). A detection whose pose
/// explains its corners worse than <see cref="MaximumReprojectionErrorPixels"/> counts as not found
/// (a partly occluded or smeared tag), so the loop never steers on a bad pose.
/// </summary>
/// <param name="detector">The detector (its families must include tag36h11); the caller keeps ownership.</param>
/// <param name="camera">The camera's model (intrinsics and distortion).</param>
public sealed class AprilTagPoseObserver(AprilTagDetector detector, CameraModel camera) : ITagPoseObserver
{
    private readonly AprilTagDetector _detector = detector ?? throw new ArgumentNullException(nameof(detector));
    private readonly CameraModel _camera = camera ?? throw new ArgumentNullException(nameof(camera));

    /// <summary>Largest reprojection RMS, pixels, of a pose that is used (default 1).</summary>
    public double MaximumReprojectionErrorPixels { get; init; } = 1.0;

    /// <inheritdoc />
    public IReadOnlyDictionary<int, PoseEstimate> Observe(CameraFrame frame, IReadOnlyList<ServoTag> tags)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(tags);
        var poses = new Dictionary<int, PoseEstimate>(tags.Count);
        foreach (AprilTagDetection detection in _detector.Detect(frame))
        {
            if (detection.Family != AprilTagFamily.Tag36h11 || poses.ContainsKey(detection.Id))
            {
                continue;
            }

            ServoTag? tag = tags.FirstOrDefault(t => t.Id == detection.Id);
            if (tag is null)
            {
                continue;
            }

            PoseEstimate pose = TagPoseEstimator.Estimate(_camera, detection, tag.SizeMetres);
            if (pose.ReprojectionRmsPixels <= MaximumReprojectionErrorPixels)
            {
                poses[detection.Id] = pose;
            }
        }

        return poses;
    }
}
