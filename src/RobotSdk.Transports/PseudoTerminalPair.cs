using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace RobotSdk.Transports;

/// <summary>
/// A Linux pseudo-terminal: a subordinate device (for example <c>/dev/pts/5</c>) that any
/// serial client opens like a USB adapter, and a <see cref="Master"/> side for the emulator
/// that plays the hardware. Used by device emulators, virtual arms and tests.
/// </summary>
/// <remarks>
/// The pair keeps its own descriptor on the subordinate side open for its whole life. Without
/// it, Linux reports EIO/POLLHUP on the master whenever no client has the subordinate open
/// (before the first client, and between clients), which would make every emulator read fail;
/// with it, the master simply sees no data, and a client may close and reopen the port while
/// the emulator runs. The subordinate starts in raw mode so nothing is echoed back to the
/// emulator before a client configures the line. Disposing closes the master first, so clients
/// get <see cref="DeviceDisconnectedException"/>, then removes the link made by <see cref="CreateLink"/>.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class PseudoTerminalPair : IDisposable
{
    private const string MultiplexerPath = "/dev/ptmx";
    private const uint DefaultSpeedConstant = 0x1002; // B115200
    private readonly SafeFileDescriptorHandle _subordinate;
    private bool _disposed;

    private PseudoTerminalPair(PseudoTerminalMaster master, SafeFileDescriptorHandle subordinate, string subordinatePath)
    {
        Master = master;
        _subordinate = subordinate;
        SubordinatePath = subordinatePath;
    }

    /// <summary>The emulator's side.</summary>
    public PseudoTerminalMaster Master { get; }

    /// <summary>The device path clients open, for example <c>/dev/pts/5</c>.</summary>
    public string SubordinatePath { get; }

    /// <summary>The symbolic link made by <see cref="CreateLink"/>, or null.</summary>
    public string? LinkPath { get; private set; }

    /// <summary>The baud rate the client last configured on the subordinate side (read from termios).</summary>
    public int SubordinateBaudRate
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return TerminalSettings.ReadBaudRate(_subordinate, SubordinatePath);
        }
    }

    /// <summary>Creates a pseudo-terminal pair with both sides in raw mode.</summary>
    /// <exception cref="DeviceUnavailableException">The system has no pseudo-terminals to give.</exception>
    public static unsafe PseudoTerminalPair Create()
    {
        const int flags = NativeMethods.ReadWrite | NativeMethods.NoControllingTerminal | NativeMethods.NonBlocking | NativeMethods.CloseOnExec;
        SafeFileDescriptorHandle master = SafeFileDescriptorHandle.FromResult(NativeMethods.OpenPseudoTerminal(flags), out int errno);
        if (master.IsInvalid)
        {
            master.Dispose();
            throw new DeviceUnavailableException(MultiplexerPath, DeviceUnavailableReason.NotSupported, $"cannot create a pseudo-terminal: {PosixErrors.Describe(errno)}");
        }

        SafeFileDescriptorHandle? subordinate = null;
        try
        {
            if (NativeMethods.GrantPseudoTerminal(master) != 0 || NativeMethods.UnlockPseudoTerminal(master) != 0)
            {
                throw PosixErrors.IoFailure(PosixErrors.Last, MultiplexerPath, "grantpt/unlockpt");
            }

            byte* name = stackalloc byte[128];
            int nameError = NativeMethods.GetPseudoTerminalName(master, name, 128);
            if (nameError != 0)
            {
                throw PosixErrors.IoFailure(nameError, MultiplexerPath, "ptsname_r");
            }

            string subordinatePath = Marshal.PtrToStringUTF8((nint)name)!;
            TerminalSettings.ConfigureRaw(master, DefaultSpeedConstant, subordinatePath);
            subordinate = SafeFileDescriptorHandle.FromResult(NativeMethods.OpenFile(subordinatePath, flags), out errno);
            if (subordinate.IsInvalid)
            {
                throw PosixErrors.OpenFailure(errno, subordinatePath);
            }

            TerminalSettings.ConfigureRaw(subordinate, DefaultSpeedConstant, subordinatePath);
            return new PseudoTerminalPair(new PseudoTerminalMaster(master, subordinatePath), subordinate, subordinatePath);
        }
        catch
        {
            subordinate?.Dispose();
            master.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes a symbolic link (for example <c>/tmp/ttyVIRTUAL0</c>) pointing to the subordinate
    /// path, so clients can use a stable name. A stale link left by a crashed emulator is
    /// replaced; anything else at that path is left alone. The link is removed on dispose.
    /// </summary>
    /// <param name="path">Where to create the link.</param>
    /// <exception cref="IOException">Something other than a symbolic link exists at <paramref name="path"/>.</exception>
    public void CreateLink(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var existing = new FileInfo(path);
        if (existing.LinkTarget is not null)
        {
            existing.Delete();
        }
        else if (existing.Exists || Directory.Exists(path))
        {
            throw new IOException($"{path} exists and is not a symbolic link; refusing to replace it.");
        }

        RemoveLink();
        File.CreateSymbolicLink(path, SubordinatePath);
        LinkPath = path;
    }

    /// <summary>Closes the master (hanging up clients), the pair's own subordinate descriptor, and removes the link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Master.Dispose();
        _subordinate.Dispose();
        RemoveLink();
    }

    /// <inheritdoc />
    public override string ToString() => LinkPath is null ? SubordinatePath : $"{LinkPath} -> {SubordinatePath}";

    private void RemoveLink()
    {
        if (LinkPath is { } linkPath)
        {
            // Only remove the link if it still points here; someone may have reused the name.
            var link = new FileInfo(linkPath);
            if (link.LinkTarget == SubordinatePath)
            {
                link.Delete();
            }

            LinkPath = null;
        }
    }
}
