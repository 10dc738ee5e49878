namespace RobotSdk.Drivers.Feetech;

/// <summary>How a <see cref="FeetechBus"/> talks to its servos.</summary>
public sealed class FeetechBusOptions
{
    /// <summary>
    /// Retries after a failed attempt (timeout or corrupt reply) before a transaction fails;
    /// default 2, so at most 3 attempts. Device errors and disconnection are not retried.
    /// </summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// How long to wait for each reply, in milliseconds (default 20). A reply takes well under
    /// 1 ms on the wire at 1 Mbps plus the servo's return delay (500 us by factory default); the
    /// rest is margin for USB adapters (an FTDI adapter's latency timer adds up to 16 ms unless
    /// set to 1 ms).
    /// </summary>
    public int ReplyTimeoutMs { get; set; } = 20;

    /// <summary>Line rate that <see cref="FeetechBus.Open"/> sets (default 1000000, the STS factory rate).</summary>
    public int BaudRate { get; set; } = 1_000_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (Retries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, "Retries range from 0 to 10.");
        }

        if (ReplyTimeoutMs is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplyTimeoutMs), ReplyTimeoutMs, "The reply timeout ranges from 1 to 10000 ms.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BaudRate, nameof(BaudRate));
    }
}
