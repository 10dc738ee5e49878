using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>
/// The libc functions this project calls, all in one place. Every import is blittable
/// (pointers, integers, SafeHandles), so calls marshal nothing and allocate nothing, which the
/// real-time read/write path depends on. glibc's soname is named explicitly because the bare
/// <c>libc.so</c> is a linker script that dlopen cannot load.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string LibC = "libc.so.6";

    // open(2) flags.
    public const int ReadWrite = 0x2; // O_RDWR
    public const int NoControllingTerminal = 0x100; // O_NOCTTY
    public const int NonBlocking = 0x800; // O_NONBLOCK
    public const int CloseOnExec = 0x80000; // O_CLOEXEC

    // ioctl(2) requests.
    public const uint TerminalExclusive = 0x540C; // TIOCEXCL
    public const uint TerminalNotExclusive = 0x540D; // TIOCNXCL
    public const uint BytesAvailable = 0x541B; // FIONREAD
    public const uint InterfaceIndex = 0x8933; // SIOCGIFINDEX
    public const uint InterfaceFlags = 0x8913; // SIOCGIFFLAGS

    // socket(2) arguments for SocketCAN.
    public const int AddressFamilyCan = 29; // AF_CAN
    public const int RawSocket = 3; // SOCK_RAW
    public const int SocketNonBlocking = 0x800; // SOCK_NONBLOCK
    public const int SocketCloseOnExec = 0x80000; // SOCK_CLOEXEC
    public const int CanRawProtocol = 1; // CAN_RAW
    public const int SocketLevelCanRaw = 101; // SOL_CAN_RAW = SOL_CAN_BASE (100) + CAN_RAW
    public const int CanRawErrorFilter = 2; // CAN_RAW_ERR_FILTER

    // flock(2) operations.
    public const int LockExclusive = 2; // LOCK_EX
    public const int LockNonBlocking = 4; // LOCK_NB

    // tcsetattr/tcflush arguments.
    public const int ApplyNow = 0; // TCSANOW
    public const int FlushInput = 0; // TCIFLUSH

    // Descriptor-returning functions return int, not a SafeHandle: the SafeHandle marshaller reads a
    // pointer-sized value, and -1 in a 32-bit int would arrive as 0xFFFFFFFF, a "valid" handle.
    [LibraryImport(LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int OpenFile(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fileDescriptor);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(SafeFileDescriptorHandle fileDescriptor, byte* buffer, nint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeFileDescriptorHandle fileDescriptor, byte* buffer, nint count);

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMs);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoControl(SafeFileDescriptorHandle fileDescriptor, nuint request, void* argument);

    [LibraryImport(LibC, EntryPoint = "flock", SetLastError = true)]
    public static partial int FileLock(SafeFileDescriptorHandle fileDescriptor, int operation);

    [LibraryImport(LibC, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetTerminalAttributes(SafeFileDescriptorHandle fileDescriptor, Termios* attributes);

    [LibraryImport(LibC, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetTerminalAttributes(SafeFileDescriptorHandle fileDescriptor, int optionalActions, Termios* attributes);

    [LibraryImport(LibC, EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int SetInputSpeed(Termios* attributes, uint speedConstant);

    [LibraryImport(LibC, EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int SetOutputSpeed(Termios* attributes, uint speedConstant);

    [LibraryImport(LibC, EntryPoint = "cfgetospeed")]
    public static partial uint GetOutputSpeed(Termios* attributes);

    [LibraryImport(LibC, EntryPoint = "tcflush", SetLastError = true)]
    public static partial int FlushTerminal(SafeFileDescriptorHandle fileDescriptor, int queue);

    [LibraryImport(LibC, EntryPoint = "tcdrain", SetLastError = true)]
    public static partial int DrainTerminal(SafeFileDescriptorHandle fileDescriptor);

    [LibraryImport(LibC, EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int OpenPseudoTerminal(int flags);

    [LibraryImport(LibC, EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPseudoTerminal(SafeFileDescriptorHandle master);

    [LibraryImport(LibC, EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPseudoTerminal(SafeFileDescriptorHandle master);

    /// <summary>Returns 0 or an errno value (not -1): ptsname_r reports errors directly.</summary>
    [LibraryImport(LibC, EntryPoint = "ptsname_r")]
    public static partial int GetPseudoTerminalName(SafeFileDescriptorHandle master, byte* buffer, nuint length);

    [LibraryImport(LibC, EntryPoint = "socket", SetLastError = true)]
    public static partial int OpenSocket(int domain, int type, int protocol);

    [LibraryImport(LibC, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSocketOption(SafeFileDescriptorHandle socket, int level, int name, void* value, uint valueLength);

    [LibraryImport(LibC, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(SafeFileDescriptorHandle socket, void* address, uint addressLength);

    /// <summary>Writes at most PATH_MAX (4096) bytes into <paramref name="resolved"/>; null on error.</summary>
    [LibraryImport(LibC, EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial byte* RealPath(string path, byte* resolved);
}
