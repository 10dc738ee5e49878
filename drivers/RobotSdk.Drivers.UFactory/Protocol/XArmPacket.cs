using System.Buffers.Binary;

namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// Framing of the xArm private protocol on TCP port 502, allocation-free into caller buffers.
/// Request: <c>TID u16 BE | PROTOCOL u16 BE = 0x0002 | LEN u16 BE = 1 + payload | FUNC | payload</c>.
/// Reply: the same header, then <c>FUNC | STATE | data</c> with LEN = 2 + data.
/// </summary>
/// <remarks>
/// Source: xArm-Python-SDK <c>xarm/core/wrapper/uxbus_cmd_tcp.py</c> (<c>send_modbus_request</c>,
/// <c>check_protocol_header</c>, <c>recv_modbus_response</c>); it is the Modbus TCP header with the
/// protocol identifier 2 instead of 0 and the function code where the unit ID would be.
/// </remarks>
public static class XArmPacket
{
    /// <summary>TID, protocol identifier and LEN: 6 bytes.</summary>
    public const int HeaderLength = 6;

    /// <summary>The protocol identifier of the private protocol (standard Modbus TCP uses 0).</summary>
    public const ushort PrivateProtocol = 0x0002;

    /// <summary>Header and function code: the length of a request without payload.</summary>
    public const int RequestOverhead = HeaderLength + 1;

    /// <summary>Header, function code and state byte: the length of a reply without data.</summary>
    public const int ReplyOverhead = HeaderLength + 2;

    /// <summary>The longest frame accepted, header included: the SDK's control buffer (<c>TCP_CONTROL_BUF_SIZE</c>, 1024).</summary>
    public const int MaxFrameLength = 1024;

    /// <summary>Writes a request into <paramref name="destination"/>.</summary>
    /// <returns>The frame's length, <see cref="RequestOverhead"/> + payload.</returns>
    /// <exception cref="ArgumentException">The destination is too small or the payload too long.</exception>
    public static int WriteRequest(Span<byte> destination, ushort transactionId, XArmFunction function, ReadOnlySpan<byte> payload)
    {
        int length = RequestOverhead + payload.Length;
        CheckRoom(destination, length);
        WriteHeader(destination, transactionId, 1 + payload.Length);
        destination[HeaderLength] = (byte)function;
        payload.CopyTo(destination[RequestOverhead..]);
        return length;
    }

    /// <summary>
    /// Writes the header and function code of a request whose <paramref name="payloadLength"/> bytes
    /// the caller has already put at <c>destination[RequestOverhead..]</c> (saves a copy on the hot path).
    /// </summary>
    /// <returns>The frame's length.</returns>
    public static int WriteRequestHeader(Span<byte> destination, ushort transactionId, XArmFunction function, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int length = RequestOverhead + payloadLength;
        CheckRoom(destination, length);
        WriteHeader(destination, transactionId, 1 + payloadLength);
        destination[HeaderLength] = (byte)function;
        return length;
    }

    /// <summary>Writes a reply into <paramref name="destination"/> (what a controller, or the emulator, sends).</summary>
    /// <returns>The frame's length, <see cref="ReplyOverhead"/> + data.</returns>
    public static int WriteReply(Span<byte> destination, ushort transactionId, XArmFunction function, XArmStateBits state, ReadOnlySpan<byte> data)
    {
        int length = ReplyOverhead + data.Length;
        CheckRoom(destination, length);
        WriteHeader(destination, transactionId, 2 + data.Length);
        destination[HeaderLength] = (byte)function;
        destination[HeaderLength + 1] = (byte)state;
        data.CopyTo(destination[ReplyOverhead..]);
        return length;
    }

    /// <summary>Decodes the reply at the start of <paramref name="buffer"/>.</summary>
    /// <returns>
    /// <see cref="XArmDecodeResult.Complete"/> with <paramref name="reply"/> set; Incomplete when more
    /// bytes are needed; BadProtocol or BadLength when the stream cannot be a reply (out of step).
    /// </returns>
    public static XArmDecodeResult TryDecodeReply(ReadOnlySpan<byte> buffer, out XArmReply reply)
    {
        reply = default;
        XArmDecodeResult result = TryFrame(buffer, minimumLength: 2, out ushort transactionId, out int frameLength);
        if (result == XArmDecodeResult.Complete)
        {
            reply = new XArmReply(
                transactionId,
                (XArmFunction)buffer[HeaderLength],
                (XArmStateBits)buffer[HeaderLength + 1],
                buffer[ReplyOverhead..frameLength],
                frameLength);
        }

        return result;
    }

    /// <summary>Decodes the request at the start of <paramref name="buffer"/> (the controller's side).</summary>
    /// <returns>As <see cref="TryDecodeReply"/>.</returns>
    public static XArmDecodeResult TryDecodeRequest(ReadOnlySpan<byte> buffer, out XArmRequest request)
    {
        request = default;
        XArmDecodeResult result = TryFrame(buffer, minimumLength: 1, out ushort transactionId, out int frameLength);
        if (result == XArmDecodeResult.Complete)
        {
            request = new XArmRequest(transactionId, (XArmFunction)buffer[HeaderLength], buffer[RequestOverhead..frameLength], frameLength);
        }

        return result;
    }

    /// <summary>The transaction ID after <paramref name="transactionId"/>: 1, 2, ... 65535, then 1 again, as the SDK counts (0 is never used).</summary>
    public static ushort NextTransactionId(ushort transactionId) => transactionId == ushort.MaxValue ? (ushort)1 : (ushort)(transactionId + 1);

    private static XArmDecodeResult TryFrame(ReadOnlySpan<byte> buffer, int minimumLength, out ushort transactionId, out int frameLength)
    {
        transactionId = 0;
        frameLength = 0;
        if (buffer.Length < 4)
        {
            return XArmDecodeResult.Incomplete;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]) != PrivateProtocol)
        {
            return XArmDecodeResult.BadProtocol;
        }

        if (buffer.Length < HeaderLength)
        {
            return XArmDecodeResult.Incomplete;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer[4..]);
        if (length < minimumLength || HeaderLength + length > MaxFrameLength)
        {
            return XArmDecodeResult.BadLength;
        }

        if (buffer.Length < HeaderLength + length)
        {
            return XArmDecodeResult.Incomplete;
        }

        transactionId = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        frameLength = HeaderLength + length;
        return XArmDecodeResult.Complete;
    }

    private static void WriteHeader(Span<byte> destination, ushort transactionId, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], PrivateProtocol);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)length);
    }

    private static void CheckRoom(Span<byte> destination, int length)
    {
        if (length > MaxFrameLength)
        {
            throw new ArgumentException($"A frame of {length} bytes is longer than the {MaxFrameLength} the controller accepts.", nameof(destination));
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"The frame needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }
    }
}
