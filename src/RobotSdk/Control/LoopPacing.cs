namespace RobotSdk.Control;

/// <summary>How a control loop waits for its next deadline.</summary>
public enum LoopPacing
{
    /// <summary>
    /// Absolute deadlines from a Stopwatch: coarse sleeps while far away, then a short spin.
    /// Deadlines never drift; a late cycle skips the deadlines it missed instead of bunching.
    /// </summary>
    Deadline,

    /// <summary>
    /// <c>Thread.Sleep(period)</c> after each cycle, as naive loops do. Kept for comparison
    /// in benchmarks: the period grows by the work time plus the sleep's overshoot.
    /// </summary>
    NaiveSleep,
}
