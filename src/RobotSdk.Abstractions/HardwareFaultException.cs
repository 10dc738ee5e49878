namespace RobotSdk;

/// <summary>
/// A failure of the hardware or its link, with where it happened: the bus (a port path,
/// a CAN interface, a TCP endpoint), the device ID on that bus and the register, when known.
/// </summary>
public class HardwareFaultException : Exception
{
    /// <summary>Creates a fault.</summary>
    /// <param name="bus">The bus, for example <c>/dev/ttyUSB0</c>, <c>can0</c> or <c>192.168.1.185:502</c>.</param>
    /// <param name="deviceId">ID of the device on the bus, when the fault concerns one device.</param>
    /// <param name="register">Register or item name, when the fault concerns one register.</param>
    /// <param name="message">What happened, in words.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public HardwareFaultException(string bus, int? deviceId, string? register, string message, Exception? innerException = null)
        : base(Describe(bus, deviceId, register, message), innerException)
    {
        Bus = bus;
        DeviceId = deviceId;
        Register = register;
        Reason = message;
    }

    /// <summary>The bus the fault happened on.</summary>
    public string Bus { get; }

    /// <summary>ID of the device concerned, or null for the bus itself.</summary>
    public int? DeviceId { get; }

    /// <summary>Register or item concerned, or null.</summary>
    public string? Register { get; }

    /// <summary>What happened, without the location prefix.</summary>
    public string Reason { get; }

    private static string Describe(string bus, int? deviceId, string? register, string message)
    {
        string where = bus;
        if (deviceId is { } id)
        {
            where += $", ID {id}";
        }

        if (register is not null)
        {
            where += $", register {register}";
        }

        return $"{where}: {message}";
    }
}
