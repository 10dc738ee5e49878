namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The gripper of a <see cref="DynamixelArm"/>: which joint drives it and that joint's angles
/// (radians, in the joint's zero convention) when closed and fully open.
/// </summary>
/// <param name="JointName">The joint that drives it.</param>
/// <param name="ClosedPosition">Joint angle when closed, radians.</param>
/// <param name="OpenPosition">Joint angle when fully open, radians.</param>
public sealed record DynamixelGripper(string JointName, double ClosedPosition, double OpenPosition)
{
    private readonly double? _triggerOpenFraction;

    /// <summary>Distance between the fingers when fully open, metres, when known.</summary>
    public double? MaxWidthMeters { get; init; }

    /// <summary>
    /// For a leader arm's handle: the open fraction (0 to 1) at which the driver holds the
    /// gripper servo with torque on while the arm is configured, so a squeeze springs back
    /// like a trigger (LeRobot's Koch leader). Null for a gripper that grips.
    /// </summary>
    public double? TriggerOpenFraction
    {
        get => _triggerOpenFraction;
        init => _triggerOpenFraction = value is null or (>= 0 and <= 1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The trigger's open fraction must be within [0, 1].");
    }
}
