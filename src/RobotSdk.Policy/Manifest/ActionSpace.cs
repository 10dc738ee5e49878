namespace RobotSdk.Policy.Manifest;

/// <summary>
/// What the policy returns and how it is executed: chunks of <see cref="ChunkLength"/> actions of
/// which the first <see cref="Dimensions"/> numbers are used (the model may pad to
/// <see cref="ModelDimensions"/>, pi0 to 32), run at <see cref="ControlRateHertz"/>, executing
/// <see cref="ExecutionHorizon"/> actions of each chunk. Every used dimension is described by
/// exactly one joint, gripper or end-effector entry, or listed in <see cref="UnusedIndices"/>, which
/// is what an embodiment adapter maps onto an arm (ALOHA's 14 numbers onto two arms or one arm's
/// slice; DROID's 7 joints and a gripper; LIBERO's tool pose and gripper).
/// </summary>
/// <param name="Kind">Joint targets, joint deltas, joint velocities or end-effector poses.</param>
/// <param name="Name">ONNX output tensor or openpi response key holding the chunk (<c>actions</c>).</param>
/// <param name="Dimensions">Numbers per action that are used (LIBERO 7, DROID 8, ALOHA 14).</param>
/// <param name="ModelDimensions">Numbers per action the model returns (≥ <paramref name="Dimensions"/>).</param>
/// <param name="ChunkLength">Actions per chunk, H (pi0: 50; DROID runs 10 to 15 of them).</param>
/// <param name="ExecutionHorizon">Actions executed from each chunk before the next one takes over, s ≤ H.</param>
/// <param name="ControlRateHertz">Actions per second (ALOHA 50, DROID 15).</param>
/// <param name="Joints">Joint dimensions (empty for end-effector actions); for velocities, <see cref="ActionJoint.Sign"/> applies and the offset does not.</param>
/// <param name="Grippers">Gripper dimensions.</param>
/// <param name="EndEffector">The tool pose dimensions of end-effector actions, else null.</param>
public sealed record ActionSpace(
    ActionSpaceKind Kind,
    string Name,
    int Dimensions,
    int ModelDimensions,
    int ChunkLength,
    int ExecutionHorizon,
    double ControlRateHertz,
    IReadOnlyList<ActionJoint> Joints,
    IReadOnlyList<ActionGripper> Grippers,
    EndEffectorActions? EndEffector)
{
    /// <summary>
    /// Used dimensions the robot ignores (manifest field <c>unused</c>): the other arm of an ALOHA
    /// action run on one arm, the DROID joints a 6- or 5-joint arm lacks. Empty by default.
    /// </summary>
    public IReadOnlyList<int> UnusedIndices { get; init; } = [];

    /// <summary>True when dimension <paramref name="index"/> is relative to the state (joint deltas; grippers stay absolute).</summary>
    public bool IsDelta(int index) =>
        Kind switch
        {
            ActionSpaceKind.JointDelta => Joints.Any(joint => joint.Index == index),
            ActionSpaceKind.EndEffector => EndEffector is { Delta: true } pose && (pose.Position.Contains(index) || pose.Rotation.Contains(index)),
            _ => false,
        };
}
