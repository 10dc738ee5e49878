using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Tests.Msgpack;

/// <summary>The strict reader: round trips of every type, and clear errors with offsets for malformed input.</summary>
public sealed class MsgpackReaderTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(127L)]
    [InlineData(128L)]
    [InlineData(65535L)]
    [InlineData(65536L)]
    [InlineData(4294967296L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(-33L)]
    [InlineData(-129L)]
    [InlineData(-32769L)]
    [InlineData(-2147483649L)]
    [InlineData(long.MinValue)]
    public void Integers_RoundTrip(long value)
    {
        var writer = new MsgpackWriter();
        writer.WriteInteger(value);
        Assert.Equal(value, MsgpackReader.Read(writer.WrittenSpan));
    }

    [Fact]
    public void UInt64AboveLongRange_ReadsAsUlong()
    {
        Assert.Equal(ulong.MaxValue, MsgpackReader.Read(Hex.Parse("CF FF FF FF FF FF FF FF FF")));
    }

    [Fact]
    public void NestedDocument_RoundTrips()
    {
        var writer = new MsgpackWriter(16);
        writer.WriteMapHeader(7);
        writer.WriteString("nil");
        writer.WriteNil();
        writer.WriteString("flags");
        writer.WriteArrayHeader(2);
        writer.WriteBoolean(true);
        writer.WriteBoolean(false);
        writer.WriteString("single");
        writer.WriteSingle(0.1f);
        writer.WriteString("double");
        writer.WriteDouble(0.1);
        writer.WriteString("text");
        writer.WriteString(new string('x', 70000));
        writer.WriteBinary("key"u8);
        writer.WriteBinary(new byte[300]);
        writer.WriteString("many");
        writer.WriteArrayHeader(20);
        for (int index = 0; index < 20; index++)
        {
            writer.WriteInteger(index * 1000);
        }

        var map = Assert.IsType<MsgpackMap>(MsgpackReader.Read(writer.WrittenSpan));
        Assert.Equal(7, map.Count);
        Assert.Null(map["nil"]);
        Assert.Equal(new object?[] { true, false }, map["flags"]);
        Assert.Equal(0.1f, map["single"]);
        Assert.Equal(0.1, map["double"]);
        Assert.Equal(70000, Assert.IsType<string>(map["text"]).Length);
        Assert.True(map.TryGetValue("key"u8, out object? binary));
        Assert.Equal(300, Assert.IsType<byte[]>(binary).Length);
        Assert.False(map.ContainsKey("key"), "a bin key must not answer a str look-up");
        Assert.Equal(19000L, Assert.IsType<object?[]>(map["many"])[19]);
    }

    [Theory]
    [InlineData("", 0, "empty input")]
    [InlineData("CD 01", 1, "input ends after 1 of the 2 byte(s) of a uint16")]
    [InlineData("A5 68 69", 1, "input ends after 2 of the 5 byte(s) of a 5-byte string")]
    [InlineData("C5 00", 1, "input ends after 1 of the 2 byte(s) of a bin16 length")]
    [InlineData("81 A1 61", 3, "input ends after 0 of the 1 byte(s) of a type byte")]
    [InlineData("92 01", 1, "array of 2 element(s) cannot fit in the 1 byte(s) left")]
    [InlineData("C1", 0, "unknown type byte 0xc1")]
    [InlineData("D4 01 00", 0, "extension type byte 0xd4 is not supported")]
    [InlineData("C7 01 05 00", 0, "extension type byte 0xc7 is not supported")]
    [InlineData("01 02", 1, "1 unexpected byte(s) after the end of the value")]
    [InlineData("A2 C3 28", 1, "str bytes are not valid UTF-8")]
    [InlineData("81 90 01", 1, "map key is an array of 0")]
    [InlineData("82 A1 61 01 A1 61 02", 0, "The map has the key \"a\" twice")]
    [InlineData("DD 7F FF FF FF 01", 5, "array of 2147483647 element(s) cannot fit in the 1 byte(s) left")]
    public void MalformedInput_IsRejected_WithOffsetAndExpectation(string hex, int offset, string problem)
    {
        var error = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(Hex.Parse(hex)));
        Assert.Equal(offset, error.Offset);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains($"at byte offset {offset}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingDeeperThanTheLimit_IsRejected()
    {
        byte[] nested = [.. Enumerable.Repeat((byte)0x91, 5), 0x01];
        Assert.Equal(1L, Unwrap(MsgpackReader.Read(nested, maxDepth: 5), 5));
        var error = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(nested, maxDepth: 4));
        Assert.Equal(4, error.Offset);
        Assert.Contains("nested 5 deep, deeper than the limit of 4", error.Message, StringComparison.Ordinal);
    }

    private static object? Unwrap(object? value, int levels)
    {
        for (int level = 0; level < levels; level++)
        {
            value = Assert.Single(Assert.IsType<object?[]>(value));
        }

        return value;
    }
}
