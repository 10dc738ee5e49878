using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>
/// The 40-byte <c>struct ifreq</c>: a 16-byte interface name, then a union of which only the
/// index (SIOCGIFINDEX) and the flags (SIOCGIFFLAGS) are used here.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal unsafe struct InterfaceRequest
{
    /// <summary>IFNAMSIZ, including the terminating zero.</summary>
    public const int NameCapacity = 16;

    /// <summary>IFF_UP in <see cref="Flags"/>.</summary>
    public const short Up = 0x1;

    [FieldOffset(0)]
    public fixed byte Name[NameCapacity];

    [FieldOffset(16)]
    public int InterfaceIndex;

    [FieldOffset(16)]
    public short Flags;
}
