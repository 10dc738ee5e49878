namespace RobotSdk.Control;

/// <summary>
/// Deadline statistics of a control loop since it started (or was reset). The period error
/// of a cycle is |actual period − nominal period|, where the actual period is the time
/// between two consecutive wake-ups.
/// </summary>
/// <param name="RateHz">Nominal rate.</param>
/// <param name="Cycles">Cycles run.</param>
/// <param name="Overruns">Cycles whose work ended after the next deadline (those deadlines are skipped, not bunched).</param>
/// <param name="PeriodErrorP50Ms">Median period error, milliseconds.</param>
/// <param name="PeriodErrorP99Ms">99th percentile period error, milliseconds.</param>
/// <param name="PeriodErrorMaxMs">Largest period error, milliseconds.</param>
/// <param name="CycleWorkP99Ms">99th percentile of the time spent inside a cycle, milliseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated on the control thread by the cycles.</param>
public sealed record ControlLoopStatistics(
    double RateHz,
    long Cycles,
    long Overruns,
    double PeriodErrorP50Ms,
    double PeriodErrorP99Ms,
    double PeriodErrorMaxMs,
    double CycleWorkP99Ms,
    long AllocatedBytes)
{
    /// <summary>Allocated bytes divided by cycles.</summary>
    public double AllocatedBytesPerCycle => Cycles == 0 ? 0 : (double)AllocatedBytes / Cycles;
}
