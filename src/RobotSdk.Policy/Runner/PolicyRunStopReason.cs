namespace RobotSdk.Policy.Runner;

/// <summary>Why a policy run ended.</summary>
public enum PolicyRunStopReason
{
    /// <summary>The requested duration was executed.</summary>
    DurationElapsed,

    /// <summary>The caller's stop condition became true (for example: the task succeeded).</summary>
    StopConditionMet,

    /// <summary>The caller's cancellation token was cancelled; the backend was told to terminate.</summary>
    Cancelled,

    /// <summary>The robot's emergency stop was latched; the backend was told to terminate.</summary>
    EmergencyStop,

    /// <summary>The robot stopped being active (deactivated or faulted).</summary>
    RobotInactive,

    /// <summary>The policy failed and neither a fallback nor holding (<see cref="PolicyRunnerOptions.HoldOnStall"/>) could continue.</summary>
    PolicyFailed,

    /// <summary>The control thread failed (the report's <see cref="PolicyRunReport.Failures"/> says how).</summary>
    ControlFailure,
}
