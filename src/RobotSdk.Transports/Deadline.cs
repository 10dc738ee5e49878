using System.Diagnostics;

namespace RobotSdk.Transports;

/// <summary>
/// A point in time a multi-step operation must finish by, so that retries after EINTR or a
/// partial read shrink the remaining wait instead of restarting it.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _endTimestamp;

    private Deadline(long endTimestamp) => _endTimestamp = endTimestamp;

    /// <summary>Starts a deadline; <see cref="Timeout.Infinite"/> (-1) never expires.</summary>
    public static Deadline FromTimeout(int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, Timeout.Infinite);
        return timeoutMs == Timeout.Infinite
            ? new Deadline(long.MaxValue)
            : new Deadline(Stopwatch.GetTimestamp() + (timeoutMs * Stopwatch.Frequency / 1000));
    }

    /// <summary>Milliseconds left, rounded up so a poll never spins on a sub-millisecond rest; -1 when infinite.</summary>
    public int RemainingMilliseconds
    {
        get
        {
            if (_endTimestamp == long.MaxValue)
            {
                return Timeout.Infinite;
            }

            long remainingTicks = _endTimestamp - Stopwatch.GetTimestamp();
            if (remainingTicks <= 0)
            {
                return 0;
            }

            return (int)Math.Min(int.MaxValue, ((remainingTicks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
        }
    }

    /// <summary>Whether no time is left.</summary>
    public bool HasExpired => RemainingMilliseconds == 0;
}
