namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Writes to a servo's EEPROM area the way Feetech's SDK does: torque off, Lock 0 (so the values
/// survive a power cycle), the items, Lock 1. Values take effect at once either way; the lock only
/// decides whether they persist (see the README's "EEPROM and Lock").
/// </summary>
internal static class ServoEeprom
{
    /// <summary>Writes <paramref name="values"/> to servo <paramref name="id"/> so that they persist.</summary>
    /// <exception cref="HardwareFaultException">The servo did not acknowledge a write.</exception>
    public static void WritePersistent(FeetechBus bus, byte id, IReadOnlyList<(ControlTableItem Item, int Value)> values)
    {
        bus.Write(id, Sts3215.TorqueEnable, 0);
        bus.Write(id, Sts3215.Lock, 0);
        foreach ((ControlTableItem item, int value) in values)
        {
            bus.Write(id, item, value);
        }

        bus.Write(id, Sts3215.Lock, 1);
    }

    /// <summary>Writes <paramref name="values"/> to servo <paramref name="id"/> until its next power-off only (Lock 1).</summary>
    /// <exception cref="HardwareFaultException">The servo did not acknowledge a write.</exception>
    public static void WriteTemporary(FeetechBus bus, byte id, IReadOnlyList<(ControlTableItem Item, int Value)> values)
    {
        bus.Write(id, Sts3215.TorqueEnable, 0);
        bus.Write(id, Sts3215.Lock, 1);
        foreach ((ControlTableItem item, int value) in values)
        {
            bus.Write(id, item, value);
        }
    }
}
