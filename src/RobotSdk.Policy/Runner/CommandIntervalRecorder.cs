namespace RobotSdk.Policy.Runner;

/// <summary>
/// Intervals between consecutive arm commands, recorded by the control thread without allocating:
/// the maximum over the whole run and a ring of the most recent intervals for the quantiles.
/// Read only after the control thread has ended.
/// </summary>
internal sealed class CommandIntervalRecorder(long timestampFrequency, long lateTicks, int capacity = 65_536)
{
    private readonly long[] _intervals = new long[capacity];
    private long _count;
    private long _maxTicks;
    private long _lastTicks;

    /// <summary>Records a command sent at <paramref name="timestampTicks"/> in control step <paramref name="step"/>.</summary>
    public void Record(long timestampTicks, long step)
    {
        if (_lastTicks != 0)
        {
            long interval = timestampTicks - _lastTicks;
            _intervals[_count % _intervals.Length] = interval;
            _count++;
            if (interval > lateTicks)
            {
                LateCount++;
            }

            if (interval > _maxTicks)
            {
                _maxTicks = interval;
                MaxStep = step;
            }
        }

        _lastTicks = timestampTicks;
    }

    public double MaxMilliseconds => ToMilliseconds(_maxTicks);

    /// <summary>Intervals longer than the late threshold.</summary>
    public long LateCount { get; private set; }

    /// <summary>The step whose command ended the largest interval.</summary>
    public long MaxStep { get; private set; }

    /// <summary>The <paramref name="quantile"/> (0 to 1) of the recent intervals, in milliseconds; 0 without any.</summary>
    public double QuantileMilliseconds(double quantile)
    {
        int stored = (int)Math.Min(_count, _intervals.Length);
        if (stored == 0)
        {
            return 0;
        }

        long[] sorted = _intervals[..stored];
        Array.Sort(sorted);
        int rank = Math.Clamp((int)Math.Ceiling(quantile * stored) - 1, 0, stored - 1);
        return ToMilliseconds(sorted[rank]);
    }

    private double ToMilliseconds(long ticks) => ticks * 1000.0 / timestampFrequency;
}
