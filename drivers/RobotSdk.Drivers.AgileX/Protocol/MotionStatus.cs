namespace RobotSdk.Drivers.AgileX;

/// <summary>Byte 4 of the arm status (0x2A1), per piper_sdk's <c>ArmMsgFeedbackStatusEnum.MotionStatus</c>.</summary>
public enum MotionStatus : byte
{
    /// <summary>The arm has reached its target.</summary>
    Reached = 0x00,

    /// <summary>The arm has not reached its target yet (moving).</summary>
    NotReached = 0x01,
}
