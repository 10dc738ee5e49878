namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// A joint motor's high-speed feedback (0x251 + motor - 1), per piper_sdk's
/// <c>ArmMsgFeedbackHighSpd</c>: bytes 0-1 speed (int16, 0.001 rad/s), 2-3 current (0.001 A; the
/// documentation says uint16, piper_sdk decodes it signed, as this SDK does), 4-7 position (int32).
/// </summary>
/// <param name="Motor">Motor number, 1 to 6.</param>
/// <param name="VelocityRadiansPerSecond">Speed, rad/s (piper_ros publishes it as the joint velocity).</param>
/// <param name="CurrentAmperes">Motor current, amperes.</param>
/// <param name="Position">
/// The motor's position as sent. piper_sdk documents its unit as "rad", which an integer cannot
/// carry; the unit is unverified, so the raw value is kept and the driver uses the joint feedback
/// (0x2A5-0x2A7) for positions.
/// </param>
public readonly record struct MotorHighSpeedFeedback(int Motor, double VelocityRadiansPerSecond, double CurrentAmperes, int Position);
