using System.Globalization;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>Bytes to and from the spaced hex used in the reference vectors ("FE FE 02 20 FA").</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    public static string Format(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
