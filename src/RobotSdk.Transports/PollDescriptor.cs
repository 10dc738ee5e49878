using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>The 8-byte <c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public const short Input = 0x1; // POLLIN
    public const short Output = 0x4; // POLLOUT
    public const short Error = 0x8; // POLLERR
    public const short HangUp = 0x10; // POLLHUP
    public const short Invalid = 0x20; // POLLNVAL

    public int FileDescriptor;
    public short Events;
    public short ReturnedEvents;
}
