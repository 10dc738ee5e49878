namespace RobotSdk.Drivers.AgileX;

/// <summary>Byte 6 of gripper control (0x159): enable or disable, optionally clearing an error; per piper_sdk's <c>ArmMsgGripperCtrl</c>.</summary>
public enum GripperCode : byte
{
    /// <summary>Disable the gripper motor.</summary>
    Disable = 0x00,

    /// <summary>Enable the gripper motor (it tracks the stroke target).</summary>
    Enable = 0x01,

    /// <summary>Disable and clear the gripper's error.</summary>
    DisableAndClearError = 0x02,

    /// <summary>Enable and clear the gripper's error.</summary>
    EnableAndClearError = 0x03,
}
