namespace RobotSdk.Transports;

/// <summary>
/// A classic CAN 2.0 bus (SLCAN adapter, SocketCAN interface) as drivers use it: send a
/// frame, receive a frame with a timeout, no allocation on either path.
/// </summary>
/// <remarks>
/// Constructing a bus never touches hardware; <see cref="Open"/> does. One thread may send while
/// another receives. Failures surface as <see cref="DeviceUnavailableException"/> (open),
/// <see cref="DeviceDisconnectedException"/> (the adapter or interface vanished),
/// <see cref="HardwareTimeoutException"/> and <see cref="DeviceErrorException"/> (the adapter
/// rejected a command).
/// </remarks>
public interface ICanBus : IDisposable
{
    /// <summary>The bus name used in error messages, for example <c>can0</c> or <c>slcan:/dev/ttyACM0</c>.</summary>
    string Name { get; }

    /// <summary>Whether the bus is open.</summary>
    bool IsOpen { get; }

    /// <summary>The bitrate given to <see cref="Open"/>, in bit/s; 0 while closed.</summary>
    int Bitrate { get; }

    /// <summary>Frame and error counters.</summary>
    CanBusStatistics Statistics { get; }

    /// <summary>Opens the bus at <paramref name="bitrate"/> bit/s (PiPER: 1000000).</summary>
    /// <param name="bitrate">Bits per second, one of 10000, 20000, 50000, 100000, 125000, 250000, 500000, 750000, 1000000.</param>
    void Open(int bitrate);

    /// <summary>Closes the bus; does nothing when it is closed. The bus can be opened again.</summary>
    void Close();

    /// <summary>Queues a frame for transmission.</summary>
    /// <param name="frame">The frame; error frames cannot be sent.</param>
    void Send(in CanFrame frame);

    /// <summary>Receives the next frame, waiting up to <paramref name="timeoutMs"/>.</summary>
    /// <param name="frame">The frame, or default when none arrived.</param>
    /// <param name="timeoutMs">How long to wait; 0 polls, -1 waits forever.</param>
    /// <returns>Whether a frame was received.</returns>
    bool TryReceive(out CanFrame frame, int timeoutMs);
}
