namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// Who commands the arm: byte 0 of the arm status (0x2A1) and of motion control (0x151).
/// Values from piper_sdk's <c>ArmMsgFeedbackStatusEnum.CtrlMode</c>.
/// </summary>
public enum ControlMode : byte
{
    /// <summary>Standby: the arm ignores motion commands (its state after power-on).</summary>
    Standby = 0x00,

    /// <summary>CAN command control: what this SDK selects.</summary>
    CanControl = 0x01,

    /// <summary>Teaching (drag teaching with the button on the arm); reported, not commandable.</summary>
    Teaching = 0x02,

    /// <summary>Ethernet control.</summary>
    Ethernet = 0x03,

    /// <summary>Wi-Fi control.</summary>
    Wifi = 0x04,

    /// <summary>Remote controller; reported, not commandable.</summary>
    RemoteControl = 0x05,

    /// <summary>Linkage teaching input: the arm is a leader arm and sends joint commands itself; reported only.</summary>
    LinkageTeachingInput = 0x06,

    /// <summary>Offline trajectory.</summary>
    OfflineTrajectory = 0x07,
}
