using System.Runtime.Versioning;
using System.Text;

namespace RobotSdk.Transports;

/// <summary>
/// A CAN interface of Linux SocketCAN (<c>can0</c>, <c>vcan0</c>, a gs_usb adapter) through a
/// raw CAN socket, exchanging the kernel's 16-byte <c>struct can_frame</c>.
/// </summary>
/// <remarks>
/// SocketCAN sets the bitrate on the interface, not on the socket (<c>sudo ip link set can0 up
/// type can bitrate 1000000</c>, which needs root): <see cref="Open"/> validates and records the
/// bitrate but cannot change it. Kernels without AF_CAN (many containers and WSL kernels) make
/// Open throw <see cref="DeviceUnavailableException"/> with
/// <see cref="DeviceUnavailableReason.NotSupported"/>; an SLCAN adapter through
/// <see cref="SlcanBus"/> works there. The socket subscribes to the controller's error frames
/// that tell a driver the bus is unusable or in trouble (<see cref="SubscribedErrorClasses"/>:
/// bus-off, no acknowledgement, transmit timeout, transceiver and controller problems, restarts),
/// which the kernel withholds by default; they arrive as frames with <see cref="CanFrame.IsError"/>.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class SocketCanBus : ICanBus
{
    /// <summary>
    /// SocketCAN error classes (linux/can/error.h) the socket receives as error frames: transmit
    /// timeout 0x1, controller 0x4, transceiver 0x10, no acknowledgement 0x20, bus-off 0x40,
    /// restarted 0x100. Lost arbitration and single bus or protocol errors stay filtered out.
    /// </summary>
    public const uint SubscribedErrorClasses = 0x001 | 0x004 | 0x010 | 0x020 | 0x040 | 0x100;

    private readonly int _writeTimeoutMs;
    private SafeFileDescriptorHandle? _handle;
    private bool _disposed;
    private readonly CanBusCounters _counters = new();

    /// <summary>Creates the bus; nothing is opened until <see cref="Open"/>.</summary>
    /// <param name="interfaceName">Network interface name, for example <c>can0</c> (at most 15 ASCII characters).</param>
    /// <param name="writeTimeoutMs">How long a send may wait while the interface's transmit queue is full (default 100).</param>
    public SocketCanBus(string interfaceName, int writeTimeoutMs = 100)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceName);
        if (interfaceName.Length >= InterfaceRequest.NameCapacity || !Ascii.IsValid(interfaceName)
            || interfaceName.AsSpan().IndexOfAny('/', ' ', '\0') >= 0)
        {
            throw new ArgumentException(
                $"'{interfaceName}' is not a network interface name (1 to 15 ASCII characters, no '/' or spaces).", nameof(interfaceName));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writeTimeoutMs);
        Name = interfaceName;
        _writeTimeoutMs = writeTimeoutMs;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsOpen => _handle is not null;

    /// <inheritdoc />
    public int Bitrate { get; private set; }

    /// <inheritdoc />
    public CanBusStatistics Statistics => _counters.Snapshot();

    /// <inheritdoc />
    /// <exception cref="DeviceUnavailableException">
    /// NotSupported (no SocketCAN in this kernel), NotFound (no such interface), Refused (the
    /// interface is down or not CAN), PermissionDenied.
    /// </exception>
    public unsafe void Open(int bitrate)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CanBitrates.GetSlcanIndex(bitrate, nameof(bitrate));
        if (_handle is not null)
        {
            throw new InvalidOperationException($"{Name} is already open.");
        }

        SafeFileDescriptorHandle socket = SafeFileDescriptorHandle.FromResult(
            NativeMethods.OpenSocket(
                NativeMethods.AddressFamilyCan,
                NativeMethods.RawSocket | NativeMethods.SocketNonBlocking | NativeMethods.SocketCloseOnExec,
                NativeMethods.CanRawProtocol),
            out int socketErrno);
        if (socket.IsInvalid)
        {
            socket.Dispose();
            throw SocketFailure(socketErrno);
        }

        try
        {
            InterfaceRequest request = default;
            Encoding.ASCII.GetBytes(Name, new Span<byte>(request.Name, InterfaceRequest.NameCapacity - 1));
            if (NativeMethods.IoControl(socket, NativeMethods.InterfaceFlags, &request) != 0)
            {
                int errno = PosixErrors.Last;
                throw errno == Errno.NoSuchDevice
                    ? new DeviceUnavailableException(Name, DeviceUnavailableReason.NotFound, "no such network interface (see: ip link show type can)")
                    : PosixErrors.IoFailure(errno, Name, "SIOCGIFFLAGS");
            }

            if ((request.Flags & InterfaceRequest.Up) == 0)
            {
                throw new DeviceUnavailableException(
                    Name, DeviceUnavailableReason.Refused, $"the interface is down; bring it up with: sudo ip link set {Name} up type can bitrate {bitrate}");
            }

            if (NativeMethods.IoControl(socket, NativeMethods.InterfaceIndex, &request) != 0)
            {
                throw PosixErrors.IoFailure(PosixErrors.Last, Name, "SIOCGIFINDEX");
            }

            uint errorMask = SubscribedErrorClasses;
            if (NativeMethods.SetSocketOption(socket, NativeMethods.SocketLevelCanRaw, NativeMethods.CanRawErrorFilter, &errorMask, sizeof(uint)) != 0)
            {
                throw PosixErrors.IoFailure(PosixErrors.Last, Name, "setsockopt(CAN_RAW_ERR_FILTER)");
            }

            SocketCanAddress address = default;
            address.Family = NativeMethods.AddressFamilyCan;
            address.InterfaceIndex = request.InterfaceIndex;
            if (NativeMethods.Bind(socket, &address, (uint)sizeof(SocketCanAddress)) != 0)
            {
                int errno = PosixErrors.Last;
                throw new DeviceUnavailableException(Name, DeviceUnavailableReason.Refused, $"cannot bind a CAN socket to it (is it a CAN interface?): {PosixErrors.Describe(errno)}");
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _handle = socket;
        Bitrate = bitrate;
    }

    /// <inheritdoc />
    public void Close()
    {
        SafeFileDescriptorHandle? handle = _handle;
        _handle = null;
        Bitrate = 0;
        handle?.Dispose();
    }

    /// <inheritdoc />
    public void Send(in CanFrame frame)
    {
        SafeFileDescriptorHandle handle = OpenHandle;
        Span<byte> buffer = stackalloc byte[SocketCanFrameLayout.Size];
        SocketCanFrameLayout.Encode(frame, buffer);
        try
        {
            DescriptorIo.Write(handle, buffer, _writeTimeoutMs, Name);
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
        SafeFileDescriptorHandle handle = OpenHandle;
        Span<byte> buffer = stackalloc byte[SocketCanFrameLayout.Size];
        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        while (true)
        {
            int count = DescriptorIo.Read(handle, buffer, deadline.RemainingMilliseconds, Name);
            if (count == 0)
            {
                frame = default;
                return false;
            }

            if (count == SocketCanFrameLayout.Size && SocketCanFrameLayout.TryDecode(buffer, out frame))
            {
                _counters.CountReceived();
                return true;
            }

            _counters.CountReceiveError();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Close();
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private SafeFileDescriptorHandle OpenHandle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle ?? throw new InvalidOperationException($"{Name} is not open; call Open first.");
        }
    }

    private DeviceUnavailableException SocketFailure(int errno) => errno switch
    {
        Errno.AddressFamilyNotSupported or Errno.ProtocolNotSupported or Errno.SocketTypeNotSupported => new DeviceUnavailableException(
            Name,
            DeviceUnavailableReason.NotSupported,
            "this kernel has no SocketCAN (AF_CAN unsupported); load the can/can_raw modules or use an SLCAN adapter (--can slcan:/dev/ttyACM0)"),
        Errno.PermissionDenied or Errno.OperationNotPermitted => new DeviceUnavailableException(
            Name, DeviceUnavailableReason.PermissionDenied, $"not allowed to open a CAN socket: {PosixErrors.Describe(errno)}"),
        _ => new DeviceUnavailableException(Name, DeviceUnavailableReason.Refused, $"cannot open a CAN socket: {PosixErrors.Describe(errno)}"),
    };
}
