namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// The error byte of a Feetech status packet. Bits as Feetech's SDK names them
/// (<c>ERRBIT_VOLTAGE = 1, ERRBIT_ANGLE = 2, ERRBIT_OVERHEAT = 4, ERRBIT_OVERELE = 8,
/// ERRBIT_OVERLOAD = 32</c> in <c>protocol_packet_handler.py</c> of ftservo/FTServo_Python);
/// 0 means no error.
/// </summary>
[Flags]
public enum FeetechErrors : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Input voltage outside the configured limits.</summary>
    Voltage = 1,

    /// <summary>Angle (magnetic encoder) sensor error.</summary>
    AngleSensor = 2,

    /// <summary>Temperature above the configured limit.</summary>
    Overheat = 4,

    /// <summary>Current above the protection current.</summary>
    Overcurrent = 8,

    /// <summary>Load above the overload torque for longer than the protection time.</summary>
    Overload = 32,
}
