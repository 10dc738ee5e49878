using System.Diagnostics;

namespace RobotSdk.Control;

/// <summary>
/// Fixed histogram of durations with 1 µs bins up to 100 ms (larger values land in the last
/// bin but still count toward the maximum). Recording never allocates; one writer thread,
/// any reader (a snapshot may be a cycle stale, which statistics tolerate).
/// </summary>
internal sealed class LatencyHistogram
{
    private const int BinCount = 100_000;
    private static readonly double MicrosecondsPerTick = 1e6 / Stopwatch.Frequency;
    private readonly long[] _bins = new long[BinCount];
    private long _count;
    private long _maxTicks;

    public long Count => Volatile.Read(ref _count);

    public void Record(long ticks)
    {
        ticks = Math.Abs(ticks);
        long bin = (long)(ticks * MicrosecondsPerTick);
        _bins[Math.Min(bin, BinCount - 1)]++;
        if (ticks > _maxTicks)
        {
            _maxTicks = ticks;
        }

        Volatile.Write(ref _count, _count + 1);
    }

    public void Reset()
    {
        Array.Clear(_bins);
        _maxTicks = 0;
        Volatile.Write(ref _count, 0);
    }

    public double MaxMilliseconds => Volatile.Read(ref _maxTicks) * MicrosecondsPerTick / 1000.0;

    /// <summary>The <paramref name="quantile"/> (0..1) in milliseconds, at the upper edge of its 1 µs bin.</summary>
    public double QuantileMilliseconds(double quantile)
    {
        long count = Count;
        if (count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (int i = 0; i < BinCount; i++)
        {
            seen += Volatile.Read(ref _bins[i]);
            if (seen >= rank)
            {
                return Math.Min(i + 1, MaxMilliseconds * 1000.0) / 1000.0;
            }
        }

        return MaxMilliseconds;
    }
}
