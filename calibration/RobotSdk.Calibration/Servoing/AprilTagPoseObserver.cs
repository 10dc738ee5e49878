using RobotSdk.Calibration.Fiducials;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// Tag and board poses from a real detector: each frame is searched once (<see cref="AprilTagDetector"/>),
/// each wanted tag's corners give its pose (<see cref="TagPoseEstimator"/>), and a target board's pose
/// comes from all the corners of its tags at once (<see cref="TagBoard.EstimatePose"/>). A tag whose
/// own pose explains its corners worse than <see cref="MaximumReprojectionErrorPixels"/> counts as not
/// found (a partly occluded or smeared tag), and so does a board whose pose explains its corners worse
/// (a tag moved on the table, a wrong layout), so the loop never steers on a bad pose.
/// </summary>
/// <param name="detector">The detector (its families must include tag36h11 and the boards' families); the caller keeps ownership.</param>
/// <param name="camera">The camera's model (intrinsics and distortion).</param>
public sealed class AprilTagPoseObserver(AprilTagDetector detector, CameraModel camera) : ITagPoseObserver
{
    private readonly AprilTagDetector _detector = detector ?? throw new ArgumentNullException(nameof(detector));
    private readonly CameraModel _camera = camera ?? throw new ArgumentNullException(nameof(camera));

    /// <summary>Largest reprojection RMS, pixels, of a tag's or a board's pose that is used (default 1).</summary>
    public double MaximumReprojectionErrorPixels { get; init; } = 1.0;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public VisualServoObservation Observe(CameraFrame frame, VisualServoTarget target)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(target);
        IReadOnlyList<AprilTagDetection> detections = _detector.Detect(frame);
        PoseEstimate? gripper = TagPoses(detections, [target.GripperTag]).GetValueOrDefault(target.GripperTag.Id);
        return new VisualServoObservation(gripper, BoardPose(detections, target.TargetBoard));
    }

    /// <summary>The camera-from-tag pose of each of <paramref name="tags"/> (tag36h11) found in <paramref name="frame"/>, by id; a tag not found, or over the reprojection limit, is absent.</summary>
    /// <param name="frame">The frame to look in.</param>
    /// <param name="tags">The tags wanted, with their sizes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IReadOnlyDictionary<int, PoseEstimate> Observe(CameraFrame frame, IReadOnlyList<ServoTag> tags)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(tags);
        return TagPoses(_detector.Detect(frame), tags);
    }

    /// <summary>The camera-from-board pose of <paramref name="board"/> in <paramref name="frame"/>, or null when none of its tags passes or the board's pose is over the reprojection limit.</summary>
    /// <param name="frame">The frame to look in.</param>
    /// <param name="board">The board.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PoseEstimate? Observe(CameraFrame frame, TagBoard board)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(board);
        return BoardPose(_detector.Detect(frame), board);
    }

    private Dictionary<int, PoseEstimate> TagPoses(IReadOnlyList<AprilTagDetection> detections, IReadOnlyList<ServoTag> tags)
    {
        var poses = new Dictionary<int, PoseEstimate>(tags.Count);
        foreach (AprilTagDetection detection in detections)
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

    private PoseEstimate? BoardPose(IReadOnlyList<AprilTagDetection> detections, TagBoard board)
    {
        // Each tag is checked on its own first: one smeared tag would otherwise pull the whole board.
        var accepted = new List<AprilTagDetection>();
        foreach (AprilTagDetection detection in detections)
        {
            BoardTag? tag = board.Tags.FirstOrDefault(t => t.Family == detection.Family && t.Id == detection.Id);
            if (tag is not null
                && !accepted.Any(a => a.Family == detection.Family && a.Id == detection.Id)
                && TagPoseEstimator.Estimate(_camera, detection, tag.SizeMetres).ReprojectionRmsPixels <= MaximumReprojectionErrorPixels)
            {
                accepted.Add(detection);
            }
        }

        PoseEstimate? pose = board.EstimatePose(_camera, accepted);
        return pose is not null && pose.ReprojectionRmsPixels <= MaximumReprojectionErrorPixels ? pose : null;
    }
}
