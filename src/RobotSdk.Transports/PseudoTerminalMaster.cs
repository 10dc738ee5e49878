using System.Runtime.Versioning;

namespace RobotSdk.Transports;

/// <summary>
/// The master (emulator) side of a <see cref="PseudoTerminalPair"/>, usable wherever an
/// <see cref="ISerialPort"/> is expected, so a device emulator can equally run over a real
/// null-modem cable. It is open from creation; <see cref="Close"/> hangs up the subordinate
/// side, whose reader then gets <see cref="DeviceDisconnectedException"/>, and it cannot be
/// reopened (create a new pair instead).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PseudoTerminalMaster : ISerialPort
{
    private const int WriteTimeoutMs = 1000;
    private SafeFileDescriptorHandle? _handle;
    private int _baudRate = 115200;

    internal PseudoTerminalMaster(SafeFileDescriptorHandle handle, string subordinatePath)
    {
        _handle = handle;
        PortName = $"{subordinatePath} (master side)";
    }

    /// <inheritdoc />
    public string PortName { get; }

    /// <summary>
    /// The rate the emulator claims to run at (default 115200). A pty has no wire, so this only
    /// records the value; compare it with <see cref="PseudoTerminalPair.SubordinateBaudRate"/>
    /// to model a client at the wrong speed.
    /// </summary>
    public int BaudRate
    {
        get => _baudRate;
        set
        {
            BaudRates.ValidateAndGetSpeedConstant(value, nameof(value));
            _baudRate = value;
        }
    }

    /// <inheritdoc />
    public int ReadTimeoutMs => 100;

    /// <inheritdoc />
    public bool IsOpen => _handle is not null;

    /// <inheritdoc />
    public int BytesToRead => DescriptorIo.BytesAvailable(OpenHandle, PortName);

    private SafeFileDescriptorHandle OpenHandle =>
        _handle ?? throw new InvalidOperationException($"{PortName} is closed; a pseudo-terminal master cannot be reopened.");

    /// <summary>The master is opened by <see cref="PseudoTerminalPair.Create"/>; this always throws.</summary>
    /// <exception cref="InvalidOperationException">Always: while open it is already open, once closed it cannot be reopened.</exception>
    public void Open() => throw new InvalidOperationException(
        IsOpen ? $"{PortName} is already open." : $"{PortName} is closed; a pseudo-terminal master cannot be reopened.");

    /// <summary>Closes the master, which hangs up the subordinate side.</summary>
    public void Close()
    {
        SafeFileDescriptorHandle? handle = _handle;
        _handle = null;
        handle?.Dispose();
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data) => DescriptorIo.Write(OpenHandle, data, WriteTimeoutMs, PortName);

    /// <inheritdoc />
    public int Read(Span<byte> buffer, int timeoutMs) => DescriptorIo.Read(OpenHandle, buffer, timeoutMs, PortName);

    /// <inheritdoc />
    public int ReadExactly(Span<byte> buffer, int timeoutMs) => SerialReads.ReadExactly(this, buffer, timeoutMs);

    /// <inheritdoc />
    public void DiscardInput() => TerminalSettings.DiscardInput(OpenHandle, PortName);

    /// <inheritdoc />
    public void Drain() => TerminalSettings.Drain(OpenHandle, PortName);

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <inheritdoc />
    public override string ToString() => PortName;
}
