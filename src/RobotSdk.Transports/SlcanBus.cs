namespace RobotSdk.Transports;

/// <summary>
/// A CAN bus behind an SLCAN (Lawicel ASCII) USB adapter such as CANable, CANtact or a USB2CAN
/// clone, over any <see cref="ISerialPort"/>.
/// </summary>
/// <remarks>
/// Open sends <c>C</c> (closing a channel a crashed program left open), <c>Sn</c> (bitrate) and
/// <c>O</c>, each answered by CR (OK) or BEL (error, thrown as <see cref="DeviceErrorException"/>
/// naming the command). Sends do not wait for the adapter's acknowledgement (<c>z</c>/<c>Z</c>
/// or a bare CR, depending on firmware); the receive path skips those, and counts a BEL that
/// arrives there as a transmit error. Malformed input is counted and skipped, never thrown.
/// Formatting and parsing use buffers allocated once, so Send and TryReceive allocate nothing.
/// If <see cref="Open"/> had to open the serial port, <see cref="Close"/> closes it again; the
/// port itself is disposed by whoever created it.
/// </remarks>
public sealed class SlcanBus : ICanBus
{
    private const int LineCapacity = 64;
    private static readonly string[] BitrateCommandNames = ["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"];
    private readonly ISerialPort _port;
    private readonly int _commandTimeoutMs;
    private readonly byte[] _transmitLine = new byte[SlcanCodec.MaxFrameLineLength];
    private readonly byte[] _receiveBuffer = new byte[1024];
    private readonly byte[] _line = new byte[LineCapacity];
    private int _receiveStart;
    private int _receiveEnd;
    private int _lineLength;
    private bool _lineOverflowed;
    private bool _lineComplete;
    private bool _openedPort;
    private bool _disposed;
    private readonly CanBusCounters _counters = new();

    /// <summary>Creates the bus; nothing is sent until <see cref="Open"/>.</summary>
    /// <param name="port">The adapter's serial port (its baud rate hardly matters for USB CDC adapters).</param>
    /// <param name="commandTimeoutMs">How long to wait for the adapter's reply to a setup command (default 1000).</param>
    public SlcanBus(ISerialPort port, int commandTimeoutMs = 1000)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(commandTimeoutMs);
        _port = port;
        _commandTimeoutMs = commandTimeoutMs;
        Name = $"slcan:{port.PortName}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsOpen { get; private set; }

    /// <inheritdoc />
    public int Bitrate { get; private set; }

    /// <inheritdoc />
    public CanBusStatistics Statistics => _counters.Snapshot();

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The bitrate has no SLCAN setup command.</exception>
    /// <exception cref="HardwareTimeoutException">The adapter did not answer a command (not an SLCAN adapter?).</exception>
    /// <exception cref="DeviceErrorException">The adapter answered BEL to a command.</exception>
    public void Open(int bitrate)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int bitrateIndex = CanBitrates.GetSlcanIndex(bitrate, nameof(bitrate));
        if (IsOpen)
        {
            throw new InvalidOperationException($"{Name} is already open.");
        }

        if (!_port.IsOpen)
        {
            _port.Open();
            _openedPort = true;
        }

        try
        {
            ResetReceiveState();
            TryCloseChannel();
            _port.DiscardInput();
            ResetReceiveState();
            int length = SlcanCodec.FormatBitrateCommand(bitrateIndex, _transmitLine);
            RunCommand(_transmitLine.AsSpan(0, length), BitrateCommandNames[bitrateIndex]);
            RunCommand("O\r"u8, "O");
        }
        catch
        {
            ReleasePort();
            throw;
        }

        Bitrate = bitrate;
        IsOpen = true;
    }

    /// <inheritdoc />
    public void Close()
    {
        if (!IsOpen)
        {
            return;
        }

        IsOpen = false;
        Bitrate = 0;
        try
        {
            TryCloseChannel();
        }
        catch (HardwareFaultException)
        {
            // The adapter is gone (unplugged); there is no channel left to close.
        }
        finally
        {
            ReleasePort();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The frame is an error frame.</exception>
    public void Send(in CanFrame frame)
    {
        EnsureOpen();
        int length = SlcanCodec.Format(frame, _transmitLine);
        try
        {
            _port.Write(_transmitLine.AsSpan(0, length));
        }
        catch (HardwareFaultException)
        {
            _counters.CountTransmitError();
            throw;
        }

        _counters.CountSent();
    }

    /// <inheritdoc />
    public bool TryReceive(out CanFrame frame, int timeoutMs)
    {
        EnsureOpen();
        frame = default;
        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        while (TryReadLine(deadline, out bool endedWithBell))
        {
            if (endedWithBell)
            {
                // BEL in the receive stream answers an earlier transmit: the adapter refused it.
                _counters.CountTransmitError();
                if (_lineLength > 0)
                {
                    _counters.CountReceiveError();
                }

                continue;
            }

            SlcanLineKind kind = _lineOverflowed
                ? SlcanLineKind.Malformed
                : SlcanCodec.Parse(_line.AsSpan(0, _lineLength), out frame);
            if (kind == SlcanLineKind.Frame)
            {
                _counters.CountReceived();
                return true;
            }

            if (kind == SlcanLineKind.Malformed)
            {
                _counters.CountReceiveError();
            }
        }

        frame = default;
        return false;
    }

    /// <summary>Closes the bus; the serial port is closed only if <see cref="Open"/> opened it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Close();
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsOpen)
        {
            throw new InvalidOperationException($"{Name} is not open; call Open first.");
        }
    }

    private void TryCloseChannel()
    {
        try
        {
            RunCommand("C\r"u8, "C");
        }
        catch (HardwareFaultException exception) when (exception is DeviceErrorException or HardwareTimeoutException)
        {
            // Adapters answer BEL (or nothing) to C when the channel is already closed.
        }
    }

    private void RunCommand(ReadOnlySpan<byte> command, string commandName)
    {
        _port.Write(command);
        Deadline deadline = Deadline.FromTimeout(_commandTimeoutMs);
        while (TryReadLine(deadline, out bool endedWithBell))
        {
            if (endedWithBell)
            {
                throw new DeviceErrorException(
                    Name, null, commandName, SlcanCodec.Bell, $"the adapter answered BEL (error) to SLCAN command '{commandName}'", isHardwareAlert: false);
            }

            if (_lineLength == 0 && !_lineOverflowed)
            {
                return;
            }

            // A frame or a transmit acknowledgement that was already on its way: not our reply.
        }

        throw new HardwareTimeoutException(
            Name, null, commandName, $"no reply to SLCAN command '{commandName}' within {_commandTimeoutMs} ms; is this an SLCAN adapter?");
    }

    /// <summary>
    /// Collects bytes up to the next CR or BEL into the line buffer. False when the deadline
    /// passed first; the partial line is kept for the next call.
    /// </summary>
    private bool TryReadLine(Deadline deadline, out bool endedWithBell)
    {
        if (_lineComplete)
        {
            _lineLength = 0;
            _lineOverflowed = false;
            _lineComplete = false;
        }

        while (true)
        {
            while (_receiveStart < _receiveEnd)
            {
                byte value = _receiveBuffer[_receiveStart++];
                if (value is SlcanCodec.CarriageReturn or SlcanCodec.Bell)
                {
                    _lineComplete = true;
                    endedWithBell = value == SlcanCodec.Bell;
                    return true;
                }

                if (value == (byte)'\n')
                {
                    continue; // Tolerate adapters that end lines with CR LF.
                }

                if (_lineLength < _line.Length)
                {
                    _line[_lineLength++] = value;
                }
                else
                {
                    _lineOverflowed = true;
                }
            }

            int count = _port.Read(_receiveBuffer, deadline.RemainingMilliseconds);
            if (count == 0)
            {
                endedWithBell = false;
                return false;
            }

            _receiveStart = 0;
            _receiveEnd = count;
        }
    }

    private void ResetReceiveState()
    {
        _receiveStart = 0;
        _receiveEnd = 0;
        _lineLength = 0;
        _lineOverflowed = false;
        _lineComplete = false;
    }

    private void ReleasePort()
    {
        if (_openedPort)
        {
            _openedPort = false;
            _port.Close();
        }
    }
}
