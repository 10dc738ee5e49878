namespace RobotSdk.Tests.Infrastructure;

/// <summary>
/// A clock that only moves when told to, in nanosecond ticks, so control cycles, the
/// watchdog and the mirror driver's lag run deterministically.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    public const long Frequency = 1_000_000_000;

    // Start well away from zero: the mirror treats a zero timestamp as "never read".
    private long _now = 1_000 * Frequency;

    public override long TimestampFrequency => Frequency;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    public void Advance(long ticks) => Interlocked.Add(ref _now, ticks);

    public void Advance(TimeSpan duration) => Advance(TicksOf(duration.TotalSeconds));

    public static long TicksOf(double seconds) => (long)Math.Round(seconds * Frequency);
}
