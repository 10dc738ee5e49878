namespace RobotSdk.Transports;

/// <summary>
/// A byte-oriented serial link (USB-serial adapter, UART, pseudo-terminal) as servo-bus and
/// arm drivers use it: raw 8N1 bytes, timed reads, no text encoding. Shaped so that an
/// implementation over System.IO.Ports (<c>SerialPort.BaseStream</c> with <c>ReadTimeout</c>)
/// can replace <see cref="LinuxSerialPort"/> where that package exists.
/// </summary>
/// <remarks>
/// Constructing a port never touches the device; <see cref="Open"/> does. Read and Write may be
/// called from a real-time control thread: implementations must not allocate per call in steady
/// state. One thread may read while another writes; two concurrent readers are not supported.
/// Failures surface as <see cref="DeviceUnavailableException"/> (open),
/// <see cref="DeviceDisconnectedException"/> (the device vanished while open) and
/// <see cref="HardwareTimeoutException"/> (a write could not complete in time).
/// </remarks>
public interface ISerialPort : IDisposable
{
    /// <summary>The device path or name, for example <c>/dev/ttyUSB0</c>; used in every error message.</summary>
    string PortName { get; }

    /// <summary>
    /// Line speed in baud. Setting it on an open port reconfigures the line at once (drivers
    /// scanning for a servo's rate rely on that); an unsupported rate throws
    /// <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    int BaudRate { get; set; }

    /// <summary>Timeout in milliseconds that callers use when they have no better figure (from <see cref="SerialPortOptions.ReadTimeoutMs"/>).</summary>
    int ReadTimeoutMs { get; }

    /// <summary>Whether the port is open.</summary>
    bool IsOpen { get; }

    /// <summary>Bytes received and not yet read.</summary>
    int BytesToRead { get; }

    /// <summary>Opens and configures the port; throws <see cref="InvalidOperationException"/> when it is already open.</summary>
    void Open();

    /// <summary>Closes the port; does nothing when it is closed. The port can be opened again.</summary>
    void Close();

    /// <summary>Writes every byte of <paramref name="data"/>, waiting while the output queue is full.</summary>
    /// <param name="data">The bytes to send.</param>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>
    /// Reads the bytes available, waiting up to <paramref name="timeoutMs"/> for at least one.
    /// </summary>
    /// <param name="buffer">Where to put the bytes.</param>
    /// <param name="timeoutMs">How long to wait for the first byte; 0 polls, -1 waits forever.</param>
    /// <returns>The number of bytes read; 0 only when the timeout expired.</returns>
    int Read(Span<byte> buffer, int timeoutMs);

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full or <paramref name="timeoutMs"/> has passed
    /// in total (not per byte).
    /// </summary>
    /// <param name="buffer">Where to put the bytes.</param>
    /// <param name="timeoutMs">Total time allowed; -1 waits forever.</param>
    /// <returns>
    /// The number of bytes read: <c>buffer.Length</c> when complete, fewer when the timeout
    /// expired (the bytes that did arrive are in the buffer, for diagnostics).
    /// </returns>
    int ReadExactly(Span<byte> buffer, int timeoutMs);

    /// <summary>Throws away bytes received but not yet read (stale replies before a new request).</summary>
    void DiscardInput();

    /// <summary>Blocks until every byte written has left the driver's output queue.</summary>
    void Drain();
}
