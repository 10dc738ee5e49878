namespace RobotSdk.Transports;

/// <summary>How to open a serial port. The line is always raw 8N1 without flow control.</summary>
public sealed class SerialPortOptions
{
    /// <summary>
    /// Line speed in baud (default 115200). Linux supports the standard rates from 9600 to
    /// 4000000; Dynamixel and Feetech buses usually run at 1000000, myCobot at 115200.
    /// </summary>
    public int BaudRate { get; set; } = 115200;

    /// <summary>Default read timeout in milliseconds for callers that have no better figure (default 100).</summary>
    public int ReadTimeoutMs { get; set; } = 100;

    /// <summary>How long a write may wait for room in a full output queue, in milliseconds (default 1000).</summary>
    public int WriteTimeoutMs { get; set; } = 1000;

    /// <summary>
    /// Whether to hold the port exclusively (default true): TIOCEXCL keeps other programs from
    /// opening it, and an flock makes a second RobotSdk process fail with
    /// <see cref="DeviceUnavailableReason.Busy"/> instead of interleaving bytes on the bus.
    /// </summary>
    public bool Exclusive { get; set; } = true;

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range. Which baud
    /// rates a port supports is up to the implementation; <see cref="LinuxSerialPort"/> checks its table.
    /// </summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BaudRate, nameof(BaudRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadTimeoutMs, Timeout.Infinite, nameof(ReadTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteTimeoutMs, Timeout.Infinite, nameof(WriteTimeoutMs));
    }
}
