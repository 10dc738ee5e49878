using RobotSdk.Kinematics;

namespace RobotSdk.Policy.Embodiment;

/// <summary>Settings of an <see cref="EmbodimentAdapter"/>.</summary>
public sealed record EmbodimentOptions
{
    /// <summary>
    /// Inverse-kinematics settings for end-effector actions; null for the defaults:
    /// <see cref="InverseKinematicsOptions.Default"/> with <see cref="DefaultOrientationWeight"/>
    /// when the actions carry an orientation. Position-only actions (representation <c>none</c>)
    /// always solve with orientation weight 0, whatever is set here.
    /// </summary>
    public InverseKinematicsOptions? InverseKinematics { get; init; }

    /// <summary>Metres of position error one radian of orientation error is worth in the default solve (0.1: 1 degree weighs like 1.7 mm).</summary>
    public const double DefaultOrientationWeight = 0.1;
}
