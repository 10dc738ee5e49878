namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Which motor of a Feetech arm is the gripper (or, on a leader arm, the trigger) and where its
/// joint is closed and open. The gripper's joint is an ordinary joint of the driver's frame, in
/// radians; <see cref="GripperDescription"/> maps it onto an open fraction.
/// </summary>
/// <param name="MotorName">Name of the motor that drives it.</param>
/// <param name="ClosedPositionRadians">Nominal joint position when closed (open fraction 0).</param>
/// <param name="OpenPositionRadians">Nominal joint position when fully open (open fraction 1).</param>
/// <remarks>
/// With a calibration, the closed and open positions become the ends of the recorded range: the
/// end on the nominal closed side is closed (LeRobot's 0..100 gripper scale: 0 at
/// <c>range_min</c>, closed on the SO-100/SO-101).
/// </remarks>
public sealed record FeetechGripper(string MotorName, double ClosedPositionRadians, double OpenPositionRadians)
{
    /// <summary>Name of the gripper in the robot description (default <c>gripper</c>).</summary>
    public string Name { get; init; } = "gripper";

    /// <summary>Distance between the fingertips when fully open, metres, when known (approximate on the SO arms).</summary>
    public double? MaxWidthMeters { get; init; }
}
