namespace RobotSdk.Policy.Runner;

/// <summary>
/// A model's action and state spaces mapped onto one robot (the embodiment adapter). The runner
/// calls <see cref="CaptureState"/> when it takes an observation and <see cref="TryMapAction"/> on
/// every control step; both allocate nothing.
/// </summary>
public interface IEmbodiment
{
    /// <summary>Joints of the robot's arm group, the length of the arm targets.</summary>
    int ArmJointCount { get; }

    /// <summary>Grippers of the robot, the length of the gripper targets.</summary>
    int GripperCount { get; }

    /// <summary>Numbers per action the adapter reads (the manifest's <c>dimensions</c>).</summary>
    int ActionDimensions { get; }

    /// <summary>A reusable anchor sized for this robot.</summary>
    ActionAnchor CreateAnchor();

    /// <summary>
    /// Reads the robot now: fills <paramref name="observation"/>'s state vectors (model units) and
    /// records in <paramref name="anchor"/> what the chunk computed from it is relative to.
    /// </summary>
    void CaptureState(PolicyObservation observation, ActionAnchor anchor);

    /// <summary>
    /// Maps one action (<see cref="ActionDimensions"/> numbers) to arm joint targets (radians or
    /// metres, arm group order) and gripper open fractions (0 closed to 1 open; NaN = not driven,
    /// leave it). Joints the model does not drive get the anchor's positions. Returns false, with
    /// targets untouched, when the action cannot be reached (for example an end-effector pose the
    /// inverse kinematics cannot solve); <paramref name="problem"/> then says why.
    /// </summary>
    bool TryMapAction(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> armTargets, Span<double> gripperOpenFractions, out string? problem);
}
