namespace RobotSdk.Drivers.AgileX;

/// <summary>What an <see cref="ArmStatus"/> means for a driver.</summary>
public static class ArmStatusExtensions
{
    /// <summary>
    /// Whether the status means the arm cannot be commanded safely: emergency stop, joint
    /// communication error, brake not released, collision, overspeed while dragged, joint status
    /// error, other error, over-temperature, and any value piper_sdk does not define. The
    /// Cartesian planner's complaints (no solution, singularity, target beyond a limit) and the
    /// teaching states are not faults.
    /// </summary>
    public static bool IsFault(this ArmStatus status) => status switch
    {
        ArmStatus.Normal or ArmStatus.NoSolution or ArmStatus.Singularity or ArmStatus.TargetExceedsLimit
            or ArmStatus.TeachingRecord or ArmStatus.TeachingExecution or ArmStatus.TeachingPause => false,
        _ => true,
    };

    /// <summary>The status in words, for messages, for example <c>joint communication error</c>.</summary>
    public static string Describe(this ArmStatus status) => status switch
    {
        ArmStatus.Normal => "normal",
        ArmStatus.EmergencyStop => "emergency stop",
        ArmStatus.NoSolution => "no inverse-kinematics solution",
        ArmStatus.Singularity => "singular pose",
        ArmStatus.TargetExceedsLimit => "target beyond a joint limit",
        ArmStatus.JointCommunicationError => "joint communication error",
        ArmStatus.JointBrakeNotReleased => "joint brake not released",
        ArmStatus.Collision => "collision detected",
        ArmStatus.OverspeedDuringTeachingDrag => "overspeed while dragged in teach mode",
        ArmStatus.JointStatusError => "joint status error",
        ArmStatus.OtherError => "other error",
        ArmStatus.TeachingRecord => "recording a taught trajectory",
        ArmStatus.TeachingExecution => "replaying a taught trajectory",
        ArmStatus.TeachingPause => "taught trajectory paused",
        ArmStatus.MainControllerOverTemperature => "main controller over temperature",
        ArmStatus.ReleaseResistorOverTemperature => "release resistor over temperature",
        _ => "unknown status",
    };
}
