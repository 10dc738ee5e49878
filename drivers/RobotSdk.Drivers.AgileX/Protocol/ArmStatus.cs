namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The arm's state, byte 1 of the arm status frame (0x2A1). Values and meanings from piper_sdk's
/// <c>ArmMsgFeedbackStatusEnum.ArmStatus</c> (<c>piper_msgs/msg_v2/feedback/arm_feedback_status.py</c>).
/// <see cref="ArmStatusExtensions.IsFault"/> says which ones stop this SDK's driver.
/// </summary>
public enum ArmStatus : byte
{
    /// <summary>Normal.</summary>
    Normal = 0x00,

    /// <summary>Emergency stop.</summary>
    EmergencyStop = 0x01,

    /// <summary>No inverse-kinematics solution for a Cartesian target.</summary>
    NoSolution = 0x02,

    /// <summary>Singular pose for a Cartesian target.</summary>
    Singularity = 0x03,

    /// <summary>A target angle exceeds a joint limit.</summary>
    TargetExceedsLimit = 0x04,

    /// <summary>A joint's motor driver does not communicate.</summary>
    JointCommunicationError = 0x05,

    /// <summary>A joint's brake did not release.</summary>
    JointBrakeNotReleased = 0x06,

    /// <summary>The arm detected a collision.</summary>
    Collision = 0x07,

    /// <summary>Overspeed while being dragged in teach mode.</summary>
    OverspeedDuringTeachingDrag = 0x08,

    /// <summary>A joint reports an abnormal state.</summary>
    JointStatusError = 0x09,

    /// <summary>Another error.</summary>
    OtherError = 0x0A,

    /// <summary>Recording a taught trajectory.</summary>
    TeachingRecord = 0x0B,

    /// <summary>Replaying a taught trajectory.</summary>
    TeachingExecution = 0x0C,

    /// <summary>Replay paused.</summary>
    TeachingPause = 0x0D,

    /// <summary>The main controller's temperature sensor (NTC) reads too hot.</summary>
    MainControllerOverTemperature = 0x0E,

    /// <summary>The braking (release) resistor's temperature sensor reads too hot.</summary>
    ReleaseResistorOverTemperature = 0x0F,
}
