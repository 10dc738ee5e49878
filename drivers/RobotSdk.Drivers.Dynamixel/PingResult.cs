namespace RobotSdk.Drivers.Dynamixel;

/// <summary>A servo's answer to Ping.</summary>
/// <param name="Id">Its ID.</param>
/// <param name="ModelNumber">Its Model Number (for example 1020 for XM430-W350).</param>
/// <param name="FirmwareVersion">Its Firmware Version.</param>
/// <param name="HasHardwareAlert">Whether the reply carried the hardware alert bit (read Hardware Error Status, then reboot).</param>
public readonly record struct PingResult(byte Id, ushort ModelNumber, byte FirmwareVersion, bool HasHardwareAlert = false)
{
    /// <summary>The model, or null when this driver does not know the model number.</summary>
    public ServoModel? Model => ServoModel.Find(ModelNumber);
}
