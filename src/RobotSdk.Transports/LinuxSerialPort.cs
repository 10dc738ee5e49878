using System.Collections.ObjectModel;
using System.Runtime.Versioning;

namespace RobotSdk.Transports;

/// <summary>
/// A serial port on Linux through termios and libc (what System.IO.Ports does on Unix, without
/// that package): raw 8N1, standard rates from 9600 to 4000000 baud, timeouts by poll(), an
/// exclusive lock by default, and unplugging reported as <see cref="DeviceDisconnectedException"/>.
/// </summary>
/// <remarks>
/// The constructor only validates; <see cref="Open"/> acquires the descriptor, locks and
/// configures it, and disposes it again if any step fails. Read and Write allocate nothing.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class LinuxSerialPort : ISerialPort
{
    private readonly SerialPortOptions _options;
    private SafeFileDescriptorHandle? _handle;
    private int _baudRate;
    private bool _disposed;

    /// <summary>Creates a port object; nothing is opened until <see cref="Open"/>.</summary>
    /// <param name="portName">Device path, for example <c>/dev/ttyUSB0</c> or a <c>/dev/serial/by-id/...</c> link.</param>
    /// <param name="options">Baud rate, timeouts and exclusivity; defaults when null.</param>
    public LinuxSerialPort(string portName, SerialPortOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        _options = options ?? new SerialPortOptions();
        _options.Validate();
        BaudRates.ValidateAndGetSpeedConstant(_options.BaudRate, nameof(options));
        PortName = portName;
        _baudRate = _options.BaudRate;
    }

    /// <summary>The baud rates this implementation accepts, ascending.</summary>
    public static ReadOnlyCollection<int> SupportedBaudRates { get; } = new(BaudRates.Supported);

    /// <inheritdoc />
    public string PortName { get; }

    /// <inheritdoc />
    public int BaudRate
    {
        get => _baudRate;
        set
        {
            uint speedConstant = BaudRates.ValidateAndGetSpeedConstant(value, nameof(value));
            if (_handle is { } handle)
            {
                TerminalSettings.ChangeSpeed(handle, speedConstant, PortName);
            }

            _baudRate = value;
        }
    }

    /// <inheritdoc />
    public int ReadTimeoutMs => _options.ReadTimeoutMs;

    /// <inheritdoc />
    public bool IsOpen => _handle is not null;

    /// <inheritdoc />
    public int BytesToRead => DescriptorIo.BytesAvailable(OpenHandle, PortName);

    private SafeFileDescriptorHandle OpenHandle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle ?? throw new InvalidOperationException($"{PortName} is not open; call Open first.");
        }
    }

    /// <inheritdoc />
    /// <exception cref="DeviceUnavailableException">
    /// The path does not exist (NotFound), another process holds the port (Busy), the user may
    /// not open it (PermissionDenied) or it is not a serial port (Refused).
    /// </exception>
    public void Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_handle is not null)
        {
            throw new InvalidOperationException($"{PortName} is already open.");
        }

        // O_NONBLOCK: open must not wait for carrier detect, and reads are timed by poll anyway.
        SafeFileDescriptorHandle handle = SafeFileDescriptorHandle.FromResult(
            NativeMethods.OpenFile(
                PortName,
                NativeMethods.ReadWrite | NativeMethods.NoControllingTerminal | NativeMethods.NonBlocking | NativeMethods.CloseOnExec),
            out int errno);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw PosixErrors.OpenFailure(errno, PortName);
        }

        try
        {
            if (_options.Exclusive)
            {
                Lock(handle);
            }

            TerminalSettings.ConfigureRaw(handle, BaudRates.ValidateAndGetSpeedConstant(_baudRate, nameof(BaudRate)), PortName);
            TerminalSettings.DiscardInput(handle, PortName);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        _handle = handle;
    }

    /// <inheritdoc />
    public void Close()
    {
        SafeFileDescriptorHandle? handle = _handle;
        if (handle is null)
        {
            return;
        }

        _handle = null;
        if (_options.Exclusive)
        {
            // TIOCEXCL outlives this descriptor while anyone else keeps the tty open (a pty
            // emulator does), so release it explicitly; failure only means the line is gone.
            unsafe
            {
                _ = NativeMethods.IoControl(handle, NativeMethods.TerminalNotExclusive, null);
            }
        }

        handle.Dispose();
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data) => DescriptorIo.Write(OpenHandle, data, _options.WriteTimeoutMs, PortName);

    /// <inheritdoc />
    public int Read(Span<byte> buffer, int timeoutMs) => DescriptorIo.Read(OpenHandle, buffer, timeoutMs, PortName);

    /// <inheritdoc />
    public int ReadExactly(Span<byte> buffer, int timeoutMs) => SerialReads.ReadExactly(this, buffer, timeoutMs);

    /// <inheritdoc />
    public void DiscardInput() => TerminalSettings.DiscardInput(OpenHandle, PortName);

    /// <inheritdoc />
    public void Drain() => TerminalSettings.Drain(OpenHandle, PortName);

    /// <summary>The speed the device is really configured to, read back from termios.</summary>
    internal int ReadConfiguredBaudRate() => TerminalSettings.ReadBaudRate(OpenHandle, PortName);

    /// <summary>Closes the port; the object cannot be opened again.</summary>
    public void Dispose()
    {
        Close();
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{PortName} @ {_baudRate} baud";

    private unsafe void Lock(SafeFileDescriptorHandle handle)
    {
        // flock first: it fails fast for another RobotSdk process (root bypasses TIOCEXCL).
        if (NativeMethods.FileLock(handle, NativeMethods.LockExclusive | NativeMethods.LockNonBlocking) != 0)
        {
            int errno = PosixErrors.Last;
            throw errno == Errno.TryAgain
                ? PosixErrors.Busy(PortName)
                : PosixErrors.OpenFailure(errno, PortName);
        }

        if (NativeMethods.IoControl(handle, NativeMethods.TerminalExclusive, null) != 0)
        {
            int errno = PosixErrors.Last;
            throw errno is Errno.NotATerminal or Errno.InvalidArgument
                ? PosixErrors.NotATerminal(PortName, errno)
                : PosixErrors.OpenFailure(errno, PortName);
        }
    }
}
