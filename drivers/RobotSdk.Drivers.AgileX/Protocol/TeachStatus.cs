namespace RobotSdk.Drivers.AgileX;

/// <summary>Byte 3 of the arm status (0x2A1), per piper_sdk's <c>ArmMsgFeedbackStatusEnum.TeachingState</c>.</summary>
public enum TeachStatus : byte
{
    /// <summary>Teaching off.</summary>
    Off = 0x00,

    /// <summary>Recording started (drag-teaching mode entered).</summary>
    StartRecording = 0x01,

    /// <summary>Recording stopped (drag-teaching mode left).</summary>
    StopRecording = 0x02,

    /// <summary>Replaying the taught trajectory.</summary>
    ExecuteTrajectory = 0x03,

    /// <summary>Replay paused.</summary>
    PauseExecution = 0x04,

    /// <summary>Replay resumed.</summary>
    ResumeExecution = 0x05,

    /// <summary>Replay terminated.</summary>
    TerminateExecution = 0x06,

    /// <summary>Moving to the trajectory's start.</summary>
    MoveToStart = 0x07,
}
