namespace RobotSdk.Simulation;

/// <summary>One joint of a MuJoCo model, as compiled (angles in radians, slides in metres).</summary>
/// <param name="Index">The joint's index in the model (MuJoCo's joint id).</param>
/// <param name="Name">The joint's name in the MJCF; empty when it has none.</param>
/// <param name="Type">Hinge, slide, ball or free.</param>
/// <param name="PositionAddress">Where the joint's coordinates start in qpos.</param>
/// <param name="VelocityAddress">Where the joint's degrees of freedom start in qvel.</param>
/// <param name="IsLimited">Whether MuJoCo enforces <paramref name="RangeMinimum"/>..<paramref name="RangeMaximum"/>.</param>
/// <param name="RangeMinimum">Lower limit (radians or metres), meaningful when limited.</param>
/// <param name="RangeMaximum">Upper limit (radians or metres), meaningful when limited.</param>
public sealed record MujocoJoint(
    int Index,
    string Name,
    MujocoJointType Type,
    int PositionAddress,
    int VelocityAddress,
    bool IsLimited,
    double RangeMinimum,
    double RangeMaximum)
{
    /// <summary>Whether the joint has a single coordinate (hinge or slide), readable as one number.</summary>
    public bool IsScalar => Type is MujocoJointType.Hinge or MujocoJointType.Slide;
}
