using System.Globalization;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// What the servo loop brings where: the tool, seen through the tag on the gripper, to a goal pose
/// fixed to a target seen by the same camera. The target is a <see cref="TagBoard"/> (several tags
/// with known poses in a board frame, measured from all their corners at once: the better choice
/// wherever several tags are in view) or a single tag (a one-tag board whose frame is the tag's).
/// Tag frames are the detector's (<see cref="AprilTagGeometry"/>: +z goes into the printed face).
/// </summary>
public sealed record VisualServoTarget
{
    /// <summary>A target marked by a single tag.</summary>
    /// <param name="gripperTag">The tag on the gripper.</param>
    /// <param name="tagInTool">The gripper tag's pose in the tool frame (from a hand-eye or kinematic calibration, or the arm's nominal model).</param>
    /// <param name="targetTag">The tag that marks the target.</param>
    /// <param name="toolInTarget">
    /// The goal: the tool's pose in the target tag's frame. For a tag lying face up on a table, the tag's
    /// +z points down, so "30 mm above its centre, approach axis pointing down" is a position (0, 0, -0.03)
    /// with the tool's z along the tag's +z.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="targetTag"/> is null.</exception>
    public VisualServoTarget(ServoTag gripperTag, Pose tagInTool, ServoTag targetTag, Pose toolInTarget)
        : this(gripperTag, tagInTool, SingleTag(targetTag), toolInTarget)
    {
    }

    /// <summary>A target marked by a board of tags.</summary>
    /// <param name="gripperTag">The tag on the gripper (tag36h11; not one of the board's).</param>
    /// <param name="tagInTool">The gripper tag's pose in the tool frame.</param>
    /// <param name="targetBoard">The board: its tags' poses in the board frame, as printed or laid out.</param>
    /// <param name="toolInTarget">The goal: the tool's pose in the board frame.</param>
    public VisualServoTarget(ServoTag gripperTag, Pose tagInTool, TagBoard targetBoard, Pose toolInTarget)
    {
        GripperTag = gripperTag;
        TagInTool = tagInTool;
        TargetBoard = targetBoard;
        ToolInTarget = toolInTarget;
    }

    /// <summary>The tag on the gripper.</summary>
    public ServoTag GripperTag { get; init; }

    /// <summary>The gripper tag's pose in the tool frame.</summary>
    public Pose TagInTool { get; init; }

    /// <summary>The tags that mark the target, with their poses in the target frame (one tag at the origin for a single-tag target).</summary>
    public TagBoard TargetBoard { get; init; }

    /// <summary>The goal: the tool's pose in the target frame (the board's, or the single target tag's).</summary>
    public Pose ToolInTarget { get; init; }

    /// <summary>The target tag when the target is a single tag at the target frame's origin; otherwise null.</summary>
    public ServoTag? TargetTag =>
        TargetBoard is { Tags: [BoardTag { Family: AprilTagFamily.Tag36h11 } only] } && only.BoardFromTag == Pose.Identity
            ? new ServoTag(only.Id, only.SizeMetres)
            : null;

    /// <summary>What the target is, for messages: "target tag 2" or "target board (tags 0, 1, 2, 3)".</summary>
    public string TargetDescription => TargetTag is { } tag
        ? string.Create(CultureInfo.InvariantCulture, $"target tag {tag.Id}")
        : "target board (tags " + string.Join(", ", TargetBoard.Tags.Select(t => t.Id.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>Throws when a tag is invalid or the gripper tag is also a target tag.</summary>
    /// <exception cref="ArgumentNullException">A tag or the board is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A tag's id or size is out of range.</exception>
    /// <exception cref="ArgumentException">The gripper tag is one of the target's tags.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(GripperTag);
        ArgumentNullException.ThrowIfNull(TargetBoard);
        GripperTag.Validate(nameof(GripperTag));
        foreach (BoardTag tag in TargetBoard.Tags)
        {
            new ServoTag(tag.Id, tag.SizeMetres).Validate(nameof(TargetBoard));
            if (tag.Family == AprilTagFamily.Tag36h11 && tag.Id == GripperTag.Id)
            {
                string target = TargetTag is null ? "a tag of the target board" : "the target tag";
                throw new ArgumentException($"The gripper tag and {target} are both tag {GripperTag.Id}; they must differ.", nameof(TargetBoard));
            }
        }
    }

    private static TagBoard SingleTag(ServoTag targetTag)
    {
        ArgumentNullException.ThrowIfNull(targetTag);
        return new TagBoard([new BoardTag(AprilTagFamily.Tag36h11, targetTag.Id, targetTag.SizeMetres, Pose.Identity)]);
    }
}
