namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The error code of the arm status (0x2A1 bytes 6-7, big-endian u16), per piper_sdk's
/// <c>ArmMsgFeedbackStatus.err_code</c>: the high byte flags joints beyond their angle limit, the
/// low byte joints whose motor driver does not communicate.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Errors" is the vendor's name for the code ("err_code"); it is not an event-args type.
public enum ArmErrors : ushort
#pragma warning restore CA1711
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Joint 1's driver does not communicate.</summary>
    Joint1CommunicationError = 1 << 0,

    /// <summary>Joint 2's driver does not communicate.</summary>
    Joint2CommunicationError = 1 << 1,

    /// <summary>Joint 3's driver does not communicate.</summary>
    Joint3CommunicationError = 1 << 2,

    /// <summary>Joint 4's driver does not communicate.</summary>
    Joint4CommunicationError = 1 << 3,

    /// <summary>Joint 5's driver does not communicate.</summary>
    Joint5CommunicationError = 1 << 4,

    /// <summary>Joint 6's driver does not communicate.</summary>
    Joint6CommunicationError = 1 << 5,

    /// <summary>Joint 1 is beyond its angle limit.</summary>
    Joint1AngleLimit = 1 << 8,

    /// <summary>Joint 2 is beyond its angle limit.</summary>
    Joint2AngleLimit = 1 << 9,

    /// <summary>Joint 3 is beyond its angle limit.</summary>
    Joint3AngleLimit = 1 << 10,

    /// <summary>Joint 4 is beyond its angle limit.</summary>
    Joint4AngleLimit = 1 << 11,

    /// <summary>Joint 5 is beyond its angle limit.</summary>
    Joint5AngleLimit = 1 << 12,

    /// <summary>Joint 6 is beyond its angle limit.</summary>
    Joint6AngleLimit = 1 << 13,

    /// <summary>Every communication error bit.</summary>
    AnyCommunicationError = 0x003F,

    /// <summary>Every angle limit bit.</summary>
    AnyAngleLimit = 0x3F00,
}
