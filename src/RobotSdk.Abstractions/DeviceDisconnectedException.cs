namespace RobotSdk;

/// <summary>An open device vanished (USB adapter unplugged, TCP peer closed, pty closed).</summary>
public class DeviceDisconnectedException : HardwareFaultException
{
    /// <summary>Creates the exception.</summary>
    public DeviceDisconnectedException(string bus, string message, Exception? innerException = null)
        : base(bus, null, null, message, innerException)
    {
    }
}
