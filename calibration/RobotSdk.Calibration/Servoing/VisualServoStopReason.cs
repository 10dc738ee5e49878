namespace RobotSdk.Calibration.Servoing;

/// <summary>Why a <see cref="PositionBasedVisualServo"/> run stopped.</summary>
public enum VisualServoStopReason
{
    /// <summary>The measured error fell below both tolerances.</summary>
    Converged,

    /// <summary>The iteration cap was reached with the error still above a tolerance.</summary>
    MaxIterations,

    /// <summary>The error grew for <see cref="VisualServoOptions.DivergenceIterations"/> iterations in a row (wrong camera rotation, a gain too high, the arm blocked).</summary>
    Diverged,

    /// <summary>The gripper tag was not found in a frame (out of view, turned away, occluded).</summary>
    GripperTagLost,

    /// <summary>The target tag, or every tag of the target board, was not found in a frame (occluded by the arm, moved out of view), or the board's pose did not explain its corners.</summary>
    TargetTagLost,

    /// <summary>The corrected pose had no inverse kinematics solution near the last one, or the rig could not move there.</summary>
    Unreachable,
}
