namespace RobotSdk.Policy.Embodiment;

/// <summary>One resolved state element: what it reads (<see cref="Index"/>: arm joint, gripper or component) and the affine map to model units.</summary>
/// <param name="Kind">What is read.</param>
/// <param name="Index">Arm joint index, gripper index or pose component.</param>
/// <param name="Scale">Model value = (measured − <paramref name="Offset"/>) × Scale for joints; closed..open range width for grippers.</param>
/// <param name="Offset">Joint offset, or the model value of a closed gripper, or the constant.</param>
internal readonly record struct StateSource(StateSourceKind Kind, int Index, double Scale, double Offset);
