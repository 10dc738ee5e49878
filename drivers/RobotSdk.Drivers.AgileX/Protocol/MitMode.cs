namespace RobotSdk.Drivers.AgileX;

/// <summary>Byte 3 of motion control (0x151), per piper_sdk's <c>ArmMsgMotionCtrl_2</c>.</summary>
public enum MitMode : byte
{
    /// <summary>Position-speed control (the joint controller plans the motion); what this SDK selects.</summary>
    PositionSpeed = 0x00,

    /// <summary>MIT mode: per-joint stiffness, damping and feed-forward torque.</summary>
    Mit = 0xAD,

    /// <summary>Invalid (leave unchanged).</summary>
    Invalid = 0xFF,
}
