namespace RobotSdk;

/// <summary>A device did not answer (completely) within its timeout.</summary>
public class HardwareTimeoutException : HardwareFaultException
{
    /// <summary>Creates the exception.</summary>
    public HardwareTimeoutException(string bus, int? deviceId, string? register, string message)
        : base(bus, deviceId, register, message)
    {
    }
}
