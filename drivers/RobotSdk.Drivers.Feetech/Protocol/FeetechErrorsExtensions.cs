using System.Globalization;
using System.Text;

namespace RobotSdk.Drivers.Feetech;

/// <summary>What a servo's error bits mean.</summary>
public static class FeetechErrorsExtensions
{
    /// <summary>
    /// Whether the bits mean the servo is protecting its motor (overheat, overcurrent, overload):
    /// it may have dropped torque, and commanding it further is unsafe until the cause is removed.
    /// Voltage and angle-sensor errors are reported but not treated as alerts.
    /// </summary>
    public static bool IsHardwareAlert(this FeetechErrors flags) =>
        (flags & (FeetechErrors.Overheat | FeetechErrors.Overcurrent | FeetechErrors.Overload)) != 0;

    /// <summary>The bits in words, for example <c>servo reports overload, overheat</c>.</summary>
    public static string Describe(this FeetechErrors flags)
    {
        if (flags == FeetechErrors.None)
        {
            return "no error";
        }

        var text = new StringBuilder("servo reports ");
        Append(text, flags, FeetechErrors.Voltage, "input voltage out of range");
        Append(text, flags, FeetechErrors.AngleSensor, "angle sensor error");
        Append(text, flags, FeetechErrors.Overheat, "overheat");
        Append(text, flags, FeetechErrors.Overcurrent, "overcurrent");
        Append(text, flags, FeetechErrors.Overload, "overload");
        int unknown = (int)flags & ~0b10_1111;
        if (unknown != 0)
        {
            text.Append(text[^1] == ' ' ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"unknown bits 0x{unknown:X2}");
        }

        return text.Append(CultureInfo.InvariantCulture, $" (error byte 0x{(int)flags:X2})").ToString();
    }

    private static void Append(StringBuilder text, FeetechErrors flags, FeetechErrors bit, string words)
    {
        if ((flags & bit) != 0)
        {
            text.Append(text[^1] == ' ' ? string.Empty : ", ").Append(words);
        }
    }
}
