namespace RobotSdk.Calibration.Identification;

/// <summary>One parameter of the identification model.</summary>
/// <param name="Name">Plain name, for example "elbow_flex zero offset" or "tool link length".</param>
/// <param name="Kind">What it describes.</param>
/// <param name="Index">
/// Chain joint index for an offset; link index for a length (joint i's origin is link i, the tool
/// is link <c>JointCount</c>); component 0..5 (rx, ry, rz, x, y, z) for a pose.
/// </param>
public sealed record KinematicParameter(string Name, KinematicParameterKind Kind, int Index);
