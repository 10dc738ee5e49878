namespace RobotSdk.Drivers.AgileX;

/// <summary>The gripper driver's status, byte 6 of the gripper feedback (0x2A8), per piper_sdk's <c>ArmMsgFeedbackGripper</c>.</summary>
[Flags]
public enum GripperStatus : byte
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

    /// <summary>Sensor abnormal.</summary>
    SensorError = 1 << 4,

    /// <summary>Driver error.</summary>
    DriverError = 1 << 5,

    /// <summary>The gripper motor is enabled.</summary>
    Enabled = 1 << 6,

    /// <summary>The gripper has been zeroed (now or before).</summary>
    Zeroed = 1 << 7,
}
