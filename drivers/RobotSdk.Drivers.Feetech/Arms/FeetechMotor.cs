namespace RobotSdk.Drivers.Feetech;

/// <summary>One servo of a Feetech arm: the joint it drives, its bus ID, its model and how it is mounted.</summary>
/// <param name="Name">Joint (and motor) name, for example <c>shoulder_pan</c>; LeRobot's motor names, so calibration files carry over.</param>
/// <param name="Id">Bus ID, 0 to 253.</param>
/// <param name="Servo">The servo model that must answer at <paramref name="Id"/> (checked by ping when the driver is configured).</param>
/// <param name="Direction">
/// +1 when the joint angle grows with the servo's position counts, -1 when the servo is mounted
/// reversed (LeRobot's <c>drive_mode</c> 1). A calibration's <c>drive_mode</c> overrides it.
/// </param>
/// <param name="MinPositionRadians">Nominal lower joint limit, radians; used when no calibration gives the range.</param>
/// <param name="MaxPositionRadians">Nominal upper joint limit, radians.</param>
public sealed record FeetechMotor(string Name, byte Id, ServoModel Servo, int Direction, double MinPositionRadians, double MaxPositionRadians);
