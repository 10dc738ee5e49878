namespace RobotSdk.Drivers.Feetech;

/// <summary>Outcome of <see cref="FeetechPacket.TryDecode"/>.</summary>
public enum FeetechDecodeResult
{
    /// <summary>A whole packet with a good checksum.</summary>
    Ok,

    /// <summary>The buffer holds the start of a packet; read more bytes.</summary>
    NeedMoreData,

    /// <summary>The packet is complete but its checksum does not match.</summary>
    BadChecksum,

    /// <summary>The bytes cannot be a packet (no header, or a length byte below 2).</summary>
    Malformed,
}
