using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>The X-series Baud Rate item's values and the line rates they select.</summary>
[SupportedOSPlatform("linux")]
internal static class BaudRateIndex
{
    private static readonly int[] Rates = [9600, 57600, 115200, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 4_500_000];

    /// <summary>The rate an index selects, or 0 for an unknown index.</summary>
    public static int ToRate(int index) => index >= 0 && index < Rates.Length ? Rates[index] : 0;

    /// <summary>The index of a rate, or -1 when the servos cannot run at it.</summary>
    public static int FromRate(int rate) => Array.IndexOf(Rates, rate);
}
