using Microsoft.Win32.SafeHandles;

namespace RobotSdk.Transports;

/// <summary>
/// Owns one POSIX file descriptor (a tty, a pty master or a socket) and closes it exactly once.
/// The reference count a SafeHandle keeps means a descriptor in use by a concurrent call is
/// closed only after that call returns, so its number cannot be reused under the caller.
/// </summary>
internal sealed class SafeFileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>Creates an invalid handle (the form the P/Invoke marshaller needs).</summary>
    public SafeFileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    private SafeFileDescriptorHandle(int fileDescriptor)
        : base(ownsHandle: true)
    {
        SetHandle(fileDescriptor);
    }

    /// <summary>
    /// Wraps the result of open/socket/posix_openpt: a descriptor, or -1 with errno set, in which
    /// case the returned handle is invalid and <paramref name="errno"/> holds the reason.
    /// </summary>
    public static SafeFileDescriptorHandle FromResult(int result, out int errno)
    {
        errno = result < 0 ? PosixErrors.Last : 0;
        return new SafeFileDescriptorHandle(result);
    }

    /// <summary>The descriptor number, for error messages and poll structures.</summary>
    public int FileDescriptor => (int)DangerousGetHandle();

    protected override bool ReleaseHandle() => NativeMethods.Close((int)handle) == 0;
}
