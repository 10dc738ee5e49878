using System.Runtime.InteropServices;

namespace RobotSdk.Transports;

/// <summary>
/// The kernel's 16-byte <c>struct can_frame</c>: u32 can_id (host byte order) whose top bits
/// flag extended, remote and error frames; u8 len; three reserved bytes; eight data bytes.
/// </summary>
internal static class SocketCanFrameLayout
{
    /// <summary>sizeof(struct can_frame).</summary>
    public const int Size = 16;

    /// <summary>CAN_EFF_FLAG: the identifier is 29-bit.</summary>
    public const uint ExtendedFlag = 0x80000000;

    /// <summary>CAN_RTR_FLAG: remote transmission request.</summary>
    public const uint RemoteFlag = 0x40000000;

    /// <summary>CAN_ERR_FLAG: an error frame from the controller.</summary>
    public const uint ErrorFlag = 0x20000000;

    private const int LengthOffset = 4;
    private const int DataOffset = 8;

    /// <summary>Writes the frame into <paramref name="destination"/> (16 bytes), padding with zeros.</summary>
    public static void Encode(in CanFrame frame, Span<byte> destination)
    {
        destination = destination[..Size];
        destination.Clear();
        uint canId = frame.Id
            | (frame.IsExtended ? ExtendedFlag : 0)
            | (frame.IsRemote ? RemoteFlag : 0)
            | (frame.IsError ? ErrorFlag : 0);
        MemoryMarshal.Write(destination, in canId);
        destination[LengthOffset] = frame.Length;
        frame.Data.CopyTo(destination[DataOffset..]);
    }

    /// <summary>Reads a frame; false when the length byte exceeds 8 (not a classic CAN frame).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out CanFrame frame)
    {
        frame = default;
        if (source.Length < Size)
        {
            return false;
        }

        uint canId = MemoryMarshal.Read<uint>(source);
        int length = source[LengthOffset];
        if (length > CanFrame.MaxLength)
        {
            return false;
        }

        bool isExtended = (canId & ExtendedFlag) != 0;
        ReadOnlySpan<byte> data = source.Slice(DataOffset, length);
        if ((canId & ErrorFlag) != 0)
        {
            frame = CanFrame.CreateError(canId & CanFrame.MaxExtendedId, data);
        }
        else if ((canId & RemoteFlag) != 0)
        {
            frame = CanFrame.CreateRemote(canId & (isExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId), length, isExtended);
        }
        else
        {
            frame = new CanFrame(canId & (isExtended ? CanFrame.MaxExtendedId : CanFrame.MaxStandardId), data, isExtended);
        }

        return true;
    }
}
