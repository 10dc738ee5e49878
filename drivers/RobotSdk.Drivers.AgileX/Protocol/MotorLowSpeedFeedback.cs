namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// A joint motor's low-speed feedback (0x261 + motor - 1), per piper_sdk's
/// <c>ArmMsgFeedbackLowSpd</c>: bytes 0-1 supply voltage (u16, 0.1 V), 2-3 driver temperature
/// (int16, 1 degree C), 4 motor temperature (int8, 1 degree C), 5 driver status, 6-7 bus current
/// (u16, 0.001 A; the 1.5 kg joint motors do not measure it and send 0).
/// </summary>
/// <param name="Motor">Motor number, 1 to 6.</param>
/// <param name="VoltageVolts">Supply voltage, volts.</param>
/// <param name="DriverTemperatureCelsius">Driver temperature, degrees Celsius.</param>
/// <param name="MotorTemperatureCelsius">Motor temperature, degrees Celsius.</param>
/// <param name="Status">Driver flags, including <see cref="MotorDriverStatus.Enabled"/>.</param>
/// <param name="BusCurrentAmperes">Driver supply current, amperes.</param>
public readonly record struct MotorLowSpeedFeedback(
    int Motor,
    double VoltageVolts,
    double DriverTemperatureCelsius,
    double MotorTemperatureCelsius,
    MotorDriverStatus Status,
    double BusCurrentAmperes);
