namespace RobotSdk;

/// <summary>A device answered but reported an error (servo error byte, arm error code, hardware alert).</summary>
public class DeviceErrorException : HardwareFaultException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="bus">The bus.</param>
    /// <param name="deviceId">The device that reported it.</param>
    /// <param name="register">Register concerned, if any.</param>
    /// <param name="errorCode">The raw error code as the device sent it.</param>
    /// <param name="message">Its meaning, decoded.</param>
    /// <param name="isHardwareAlert">Whether the device latched a hardware alert that needs a reboot or torque off.</param>
    public DeviceErrorException(string bus, int? deviceId, string? register, int errorCode, string message, bool isHardwareAlert)
        : base(bus, deviceId, register, message)
    {
        ErrorCode = errorCode;
        IsHardwareAlert = isHardwareAlert;
    }

    /// <summary>The raw error code.</summary>
    public int ErrorCode { get; }

    /// <summary>Whether this is a latched hardware alert.</summary>
    public bool IsHardwareAlert { get; }
}
