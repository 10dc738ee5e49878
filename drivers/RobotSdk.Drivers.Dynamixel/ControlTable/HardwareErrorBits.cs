namespace RobotSdk.Drivers.Dynamixel;

/// <summary>The bits of Hardware Error Status (address 70) in words.</summary>
internal static class HardwareErrorBits
{
    /// <summary>Describes the set bits, for example <c>overheating, overload</c> (allocates; for messages).</summary>
    public static string Describe(byte bits)
    {
        var names = new List<string>();
        AddIf(names, bits, 0x01, "input voltage");
        AddIf(names, bits, 0x04, "overheating");
        AddIf(names, bits, 0x08, "motor encoder");
        AddIf(names, bits, 0x10, "electrical shock");
        AddIf(names, bits, 0x20, "overload");
        int unknown = bits & ~0x3D;
        if (unknown != 0)
        {
            names.Add($"unknown bits 0x{unknown:X2}");
        }

        return names.Count == 0 ? "no error bits set" : string.Join(", ", names);
    }

    private static void AddIf(List<string> names, byte bits, int bit, string name)
    {
        if ((bits & bit) != 0)
        {
            names.Add(name);
        }
    }
}
