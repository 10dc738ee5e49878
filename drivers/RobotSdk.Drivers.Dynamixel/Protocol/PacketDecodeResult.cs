namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Outcome of decoding a complete packet.</summary>
public enum PacketDecodeResult
{
    /// <summary>The packet is valid.</summary>
    Ok,

    /// <summary>The CRC does not match the bytes.</summary>
    CrcMismatch,

    /// <summary>Header, length or contents are not what the protocol allows or the caller expected.</summary>
    Malformed,
}
