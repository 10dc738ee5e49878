namespace RobotSdk.Transports;

/// <summary>The Linux errno values this project reacts to (identical on x86-64 and arm64).</summary>
internal static class Errno
{
    public const int OperationNotPermitted = 1; // EPERM
    public const int NoSuchFileOrDirectory = 2; // ENOENT
    public const int Interrupted = 4; // EINTR
    public const int InputOutputError = 5; // EIO
    public const int NoSuchDeviceOrAddress = 6; // ENXIO
    public const int TryAgain = 11; // EAGAIN == EWOULDBLOCK
    public const int PermissionDenied = 13; // EACCES
    public const int DeviceBusy = 16; // EBUSY
    public const int NoSuchDevice = 19; // ENODEV
    public const int NotADirectory = 20; // ENOTDIR
    public const int IsADirectory = 21; // EISDIR
    public const int InvalidArgument = 22; // EINVAL
    public const int NotATerminal = 25; // ENOTTY
    public const int ProtocolNotSupported = 93; // EPROTONOSUPPORT
    public const int SocketTypeNotSupported = 94; // ESOCKTNOSUPPORT
    public const int AddressFamilyNotSupported = 97; // EAFNOSUPPORT
    public const int NetworkDown = 100; // ENETDOWN
    public const int NoBufferSpace = 105; // ENOBUFS
}
