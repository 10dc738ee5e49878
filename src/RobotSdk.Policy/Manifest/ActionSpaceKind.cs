namespace RobotSdk.Policy.Manifest;

/// <summary>What the numbers of an action mean.</summary>
public enum ActionSpaceKind
{
    /// <summary>Joint target positions (manifest value <c>joint-absolute</c>); ALOHA.</summary>
    JointAbsolute,

    /// <summary>
    /// Joint positions relative to the state at the chunk's observation, grippers absolute
    /// (manifest value <c>joint-delta</c>); openpi's delta action convention.
    /// </summary>
    JointDelta,

    /// <summary>
    /// Joint velocities in radians (or metres) per second, held for one control period, grippers
    /// absolute (manifest value <c>joint-velocity</c>); pi0-FAST-DROID's joint actions.
    /// </summary>
    JointVelocity,

    /// <summary>Tool (end-effector) poses, absolute or relative, plus grippers (manifest value <c>end-effector</c>); LIBERO.</summary>
    EndEffector,
}
