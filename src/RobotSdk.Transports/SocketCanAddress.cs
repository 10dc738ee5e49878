using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>The 24-byte <c>struct sockaddr_can</c> (family, interface index, unused protocol union).</summary>
[StructLayout(LayoutKind.Sequential, Size = 24)]
internal struct SocketCanAddress
{
    public ushort Family;
    public int InterfaceIndex;
}
