using System.Globalization;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>Bytes to and from the spaced hex used in the reference vectors ("00 01 00 02 ...").</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    public static string Format(ReadOnlySpan<byte> bytes) => string.Join(' ', Convert.ToHexString(bytes).Chunk(2).Select(pair => new string(pair)));
}
