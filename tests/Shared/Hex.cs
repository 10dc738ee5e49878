using System.Globalization;

namespace RobotSdk.Testing;

/// <summary>Bytes to and from the spaced hex of REFERENCE.md's vectors, for example <c>"FF FF FD 00"</c>.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    public static string Format(ReadOnlySpan<byte> bytes) => string.Join(' ', Convert.ToHexString(bytes).Chunk(2).Select(pair => new string(pair)));
}
