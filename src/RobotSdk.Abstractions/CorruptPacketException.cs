namespace RobotSdk;

/// <summary>A reply failed its CRC or checksum, or was malformed.</summary>
public class CorruptPacketException : HardwareFaultException
{
    /// <summary>Creates the exception.</summary>
    public CorruptPacketException(string bus, int? deviceId, string? register, string message)
        : base(bus, deviceId, register, message)
    {
    }
}
