namespace RobotSdk.Drivers.Feetech;

/// <summary>Where a control-table item lives on the servo.</summary>
public enum MemoryArea
{
    /// <summary>
    /// Non-volatile (Feetech's "EPROM" area, addresses below 40 on STS servos). A write takes effect
    /// at once, but survives a power cycle only when the Lock item (55) is 0 at the time of the write.
    /// </summary>
    Eeprom,

    /// <summary>Volatile (Feetech's "SRAM" area, address 40 and up): back to defaults at power-on.</summary>
    Ram,
}
