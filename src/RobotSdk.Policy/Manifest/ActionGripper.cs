namespace RobotSdk.Policy.Manifest;

/// <summary>
/// One action dimension that drives a gripper, always absolute: model value <see cref="Closed"/>
/// means fully closed and <see cref="Open"/> fully open, mapped linearly onto the gripper's own range
/// (DROID: 0 open, 1 closed; ALOHA: normalized opening).
/// </summary>
/// <param name="Index">Position of the dimension in the action vector.</param>
/// <param name="Gripper">The robot gripper's name.</param>
/// <param name="Closed">Model value of a closed gripper.</param>
/// <param name="Open">Model value of an open gripper.</param>
public sealed record ActionGripper(int Index, string Gripper, double Closed, double Open);
