namespace RobotSdk.Drivers.Dynamixel;

/// <summary>How a <see cref="DynamixelBus"/> talks to its servos.</summary>
public sealed class DynamixelBusOptions
{
    /// <summary>
    /// Extra attempts after a timeout or a corrupt reply (default 2, so at most 3 attempts).
    /// Device errors are not retried: the servo answered.
    /// </summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// Milliseconds allowed for a reply beyond its computed wire time and return delays
    /// (default 35). USB adapters with an FTDI chip hold short replies for their latency timer
    /// (16 ms by default on Linux); with <c>latency_timer</c> set to 1, 5 ms is plenty.
    /// </summary>
    public int ReplyTimeoutMs { get; set; } = 35;

    /// <summary>
    /// Line speed that <see cref="DynamixelBus.Open"/> sets on the port (default 1,000,000, what
    /// Koch, WidowX and ViperX arms use; X-series servos leave the factory at 57,600).
    /// </summary>
    public int BaudRate { get; set; } = 1_000_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Retries, nameof(Retries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Retries, 10, nameof(Retries));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReplyTimeoutMs, nameof(ReplyTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReplyTimeoutMs, 10_000, nameof(ReplyTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BaudRate, nameof(BaudRate));
    }
}
