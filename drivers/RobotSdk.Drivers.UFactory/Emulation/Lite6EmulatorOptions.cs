namespace RobotSdk.Drivers.UFactory.Emulation;

/// <summary>How a <see cref="Lite6Emulator"/> listens and answers.</summary>
public sealed class Lite6EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (default) takes a free one (see <see cref="Lite6Emulator.Port"/>). Use 502 only with the privilege to bind it.</summary>
    public int Port { get; set; }

    /// <summary>
    /// How long the controller takes to act on a request before replying (default 1 ms). An assumption:
    /// UFactory publishes no reply latency for port 502; a millisecond stands for the controller's
    /// command handling on a direct Ethernet link. Zero answers as fast as the machine allows.
    /// </summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The firmware version the controller reports (default 2.5.0; below 2.4.101 the driver omits the gripper's sync byte, below 1.10.0 set-mode's detection byte).</summary>
    public Version FirmwareVersion { get; set; } = new(2, 5, 0);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> for an invalid value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        if (ProcessingDelay < TimeSpan.Zero || ProcessingDelay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(ProcessingDelay), ProcessingDelay, "ProcessingDelay ranges from 0 to 10 s.");
        }

        if (FirmwareVersion is null || FirmwareVersion.Build < 0)
        {
            throw new ArgumentException("FirmwareVersion needs major.minor.revision, for example 2.5.0.", nameof(FirmwareVersion));
        }
    }
}
