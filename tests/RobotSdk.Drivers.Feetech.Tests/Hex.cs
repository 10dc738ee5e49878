using System.Globalization;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>Bytes to and from the spaced hex used in the reference vectors ("FF FF 01 ...").</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).Chunk(2).Aggregate(string.Empty, (text, pair) => text.Length == 0 ? new string(pair) : $"{text} {new string(pair)}");
}
