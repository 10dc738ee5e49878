namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The arm status frame (0x2A1), per piper_sdk's <c>ArmMsgFeedbackStatus</c>: byte 0 control mode,
/// 1 arm status, 2 move mode, 3 teach status, 4 motion status, 5 trajectory point number,
/// 6-7 error code (big-endian u16).
/// </summary>
/// <param name="ControlMode">Who commands the arm.</param>
/// <param name="Status">The arm's state (normal, emergency stop, collision...).</param>
/// <param name="MoveMode">The move mode in effect.</param>
/// <param name="TeachStatus">The teaching state.</param>
/// <param name="MotionStatus">Whether the arm has reached its target.</param>
/// <param name="TrajectoryPoint">The offline trajectory point being run, 0 to 255.</param>
/// <param name="Errors">Joints that do not communicate or are beyond their limits.</param>
public readonly record struct ArmStatusFeedback(
    ControlMode ControlMode,
    ArmStatus Status,
    MoveMode MoveMode,
    TeachStatus TeachStatus,
    MotionStatus MotionStatus,
    byte TrajectoryPoint,
    ArmErrors Errors)
{
    /// <summary>Whether the status or the error code means the arm cannot be commanded safely.</summary>
    public bool IsFault => Status.IsFault() || Errors.IsFault();
}
