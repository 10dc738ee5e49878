namespace RobotSdk;

/// <summary>
/// A gripper and how its joint maps to an opening. The gripper's joint lives in the
/// driver's joint frame; <see cref="ClosedPosition"/> and <see cref="OpenPosition"/> are
/// that joint's positions (radians or metres) at fully closed and fully open.
/// </summary>
/// <param name="Name">Stable name, for example <c>gripper</c>.</param>
/// <param name="JointName">Name of the joint that drives it.</param>
/// <param name="ClosedPosition">Joint position when closed (open fraction 0).</param>
/// <param name="OpenPosition">Joint position when fully open (open fraction 1).</param>
public sealed record GripperDescription(string Name, string JointName, double ClosedPosition, double OpenPosition)
{
    /// <summary>Distance between the fingers when fully open, in metres, when known.</summary>
    public double? MaxWidthMeters { get; init; }
}
