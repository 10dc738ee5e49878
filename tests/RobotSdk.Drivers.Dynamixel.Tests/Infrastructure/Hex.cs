namespace RobotSdk.Drivers.Dynamixel.Tests;

/// <summary>Byte vectors written as in REFERENCE.md: <c>"FF FF FD 00 ..."</c>.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).Chunk(2).Aggregate(string.Empty, (text, pair) => text.Length == 0 ? new string(pair) : $"{text} {new string(pair)}");
}
