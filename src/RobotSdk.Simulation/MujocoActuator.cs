namespace RobotSdk.Simulation;

/// <summary>One actuator of a MuJoCo model, as compiled.</summary>
/// <param name="Index">The actuator's index in the model (its slot in ctrl).</param>
/// <param name="Name">The actuator's name in the MJCF; empty when it has none.</param>
/// <param name="JointIndex">The joint it drives, or -1 when it acts through a tendon, site or body.</param>
/// <param name="IsControlLimited">Whether MuJoCo clamps the control to <paramref name="ControlMinimum"/>..<paramref name="ControlMaximum"/>.</param>
/// <param name="ControlMinimum">Lowest control (for a position actuator: the goal in the joint's unit).</param>
/// <param name="ControlMaximum">Highest control.</param>
public sealed record MujocoActuator(
    int Index,
    string Name,
    int JointIndex,
    bool IsControlLimited,
    double ControlMinimum,
    double ControlMaximum);
