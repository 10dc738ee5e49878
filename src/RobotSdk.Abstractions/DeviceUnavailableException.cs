namespace RobotSdk;

/// <summary>Why a device could not be opened.</summary>
public enum DeviceUnavailableReason
{
    /// <summary>The path or address does not exist.</summary>
    NotFound,

    /// <summary>Another process holds the device.</summary>
    Busy,

    /// <summary>The user lacks permission (for serial ports: join the <c>dialout</c> group).</summary>
    PermissionDenied,

    /// <summary>The operating system does not support the device kind (for example no SocketCAN).</summary>
    NotSupported,

    /// <summary>The device exists but refused the connection or configuration.</summary>
    Refused,
}

/// <summary>A device or port could not be opened; nothing was changed on it.</summary>
public class DeviceUnavailableException : HardwareFaultException
{
    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException(string bus, DeviceUnavailableReason reason, string message, Exception? innerException = null)
        : base(bus, null, null, message, innerException)
    {
        UnavailableReason = reason;
    }

    /// <summary>Why it could not be opened.</summary>
    public DeviceUnavailableReason UnavailableReason { get; }
}
