namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// A joint motor driver's status, byte 5 of its low-speed feedback (0x261-0x266), per piper_sdk's
/// <c>ArmMsgFeedbackLowSpd</c> (bit meanings as updated by the vendor on 7.25: bit 4 collision
/// protection, previously sensor status; bit 7 stall protection, previously zeroing status).
/// </summary>
[Flags]
public enum MotorDriverStatus : byte
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>Supply voltage too low.</summary>
    VoltageLow = 1 << 0,

    /// <summary>Motor over temperature.</summary>
    MotorOverTemperature = 1 << 1,

    /// <summary>Driver over current.</summary>
    DriverOverCurrent = 1 << 2,

    /// <summary>Driver over temperature.</summary>
    DriverOverTemperature = 1 << 3,

    /// <summary>Collision protection triggered.</summary>
    CollisionProtection = 1 << 4,

    /// <summary>Driver error.</summary>
    DriverError = 1 << 5,

    /// <summary>The motor is enabled (holds its target); clear when disabled.</summary>
    Enabled = 1 << 6,

    /// <summary>Stall protection triggered.</summary>
    StallProtection = 1 << 7,
}
