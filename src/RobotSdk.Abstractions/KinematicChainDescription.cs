using RobotSdk.Geometry;

namespace RobotSdk;

/// <summary>
/// Nominal kinematics of an arm as a serial chain from its base frame to its tool point.
/// Calibration produces a corrected copy of the same shape.
/// </summary>
/// <param name="Joints">Joints from base to wrist, each naming a driver joint.</param>
/// <param name="Tool">Transform from the last joint's frame to the tool point (between the fingertips).</param>
public sealed record KinematicChainDescription(IReadOnlyList<KinematicJoint> Joints, Pose Tool)
{
    /// <summary>Transform from the world (or table) frame to the arm's base frame.</summary>
    public Pose Base { get; init; } = Pose.Identity;
}
