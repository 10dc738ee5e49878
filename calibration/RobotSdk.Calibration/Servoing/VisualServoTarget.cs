using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// What the servo loop brings where: the tool, seen through the tag on the gripper, to a goal pose
/// fixed to a target tag seen by the same camera. Tag frames are the detector's
/// (<see cref="Fiducials.AprilTagGeometry"/>: +z goes into the printed face).
/// </summary>
/// <param name="GripperTag">The tag on the gripper.</param>
/// <param name="TagInTool">The gripper tag's pose in the tool frame (from a hand-eye or kinematic calibration, or the arm's nominal model).</param>
/// <param name="TargetTag">The tag that marks the target.</param>
/// <param name="ToolInTarget">
/// The goal: the tool's pose in the target tag's frame. For a tag lying face up on a table, the tag's
/// +z points down, so "30 mm above its centre, approach axis pointing down" is a position (0, 0, -0.03)
/// with the tool's z along the tag's +z.
/// </param>
public sealed record VisualServoTarget(ServoTag GripperTag, Pose TagInTool, ServoTag TargetTag, Pose ToolInTarget)
{
    /// <summary>Throws when a tag is invalid or both tags have the same id.</summary>
    /// <exception cref="ArgumentNullException">A tag is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A tag's id or size is out of range.</exception>
    /// <exception cref="ArgumentException">The gripper and the target use the same tag id.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(GripperTag);
        ArgumentNullException.ThrowIfNull(TargetTag);
        GripperTag.Validate(nameof(GripperTag));
        TargetTag.Validate(nameof(TargetTag));
        if (GripperTag.Id == TargetTag.Id)
        {
            throw new ArgumentException($"The gripper tag and the target tag are both tag {GripperTag.Id}; they must differ.", nameof(TargetTag));
        }
    }
}
