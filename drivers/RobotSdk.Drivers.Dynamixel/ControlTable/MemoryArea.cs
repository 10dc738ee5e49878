namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Where a control-table item lives.</summary>
public enum MemoryArea
{
    /// <summary>
    /// Non-volatile settings (addresses 0 to 63 on X-series): kept across power cycles and
    /// writable only while Torque Enable is 0; otherwise the servo answers with an access error.
    /// </summary>
    Eeprom,

    /// <summary>Volatile state and commands (address 64 up): reset to defaults at power-up and reboot.</summary>
    Ram,
}
