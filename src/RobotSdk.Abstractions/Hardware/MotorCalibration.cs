namespace RobotSdk.Hardware;

/// <summary>
/// Servo-level calibration of one motor, in the servo's raw counts (LeRobot's fields).
/// </summary>
/// <param name="Id">Bus ID of the motor.</param>
/// <param name="DriveMode">0 normal, 1 reversed direction.</param>
/// <param name="HomingOffset">Homing offset register value, counts (its sign convention is the bus's: Dynamixel adds it to the actual position, Feetech subtracts it).</param>
/// <param name="RangeMin">Lowest present position seen while recording the range of motion, counts.</param>
/// <param name="RangeMax">Highest present position seen while recording, counts.</param>
public sealed record MotorCalibration(int Id, int DriveMode, int HomingOffset, int RangeMin, int RangeMax);
