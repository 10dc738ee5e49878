namespace RobotSdk.Drivers.Elephant;

/// <summary>How a <see cref="MyCobotBus"/> talks to the arm.</summary>
public sealed class MyCobotBusOptions
{
    /// <summary>The M5 base's fixed line rate (115200 baud).</summary>
    public const int DefaultBaudRate = 115_200;

    /// <summary>
    /// Retries after an attempt that got no reply or a damaged one (default 2, so at most 3 attempts,
    /// as pymycobot's <c>MyCobot280._res</c> makes). Commands without a reply are never retried: nothing
    /// says whether they arrived.
    /// </summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// How long each attempt waits for its reply, milliseconds (default 100). The Atom firmware takes at
    /// least 20 ms to answer Get Angles (measured by a user on Atom 6.5 and 7.2, elephantrobotics/myCobot
    /// issue #53), and the M5 base's transponder relays the reply; 100 ms leaves margin without letting
    /// a lost reply stall the control loop for long. pymycobot waits 500 ms on Linux.
    /// </summary>
    public int ReplyTimeoutMs { get; set; } = 100;

    /// <summary>Line rate that <see cref="MyCobotBus.Open"/> sets (default 115200, the M5 base's rate).</summary>
    public int BaudRate { get; set; } = DefaultBaudRate;

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

    /// <summary>A copy, so a caller's instance is never changed behind its back.</summary>
    internal MyCobotBusOptions Copy() => (MyCobotBusOptions)MemberwiseClone();
}
