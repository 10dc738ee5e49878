using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Tests.Msgpack;

/// <summary>Golden bytes for each msgpack type and width, from the msgpack specification.</summary>
public sealed class MsgpackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7F")]
    [InlineData(128L, "CC 80")]
    [InlineData(255L, "CC FF")]
    [InlineData(256L, "CD 01 00")]
    [InlineData(65535L, "CD FF FF")]
    [InlineData(65536L, "CE 00 01 00 00")]
    [InlineData(4294967295L, "CE FF FF FF FF")]
    [InlineData(4294967296L, "CF 00 00 00 01 00 00 00 00")]
    [InlineData(-1L, "FF")]
    [InlineData(-32L, "E0")]
    [InlineData(-33L, "D0 DF")]
    [InlineData(-128L, "D0 80")]
    [InlineData(-129L, "D1 FF 7F")]
    [InlineData(-32768L, "D1 80 00")]
    [InlineData(-32769L, "D2 FF FF 7F FF")]
    [InlineData(-2147483648L, "D2 80 00 00 00")]
    [InlineData(-2147483649L, "D3 FF FF FF FF 7F FF FF FF")]
    [InlineData(long.MinValue, "D3 80 00 00 00 00 00 00 00")]
    public void WriteInteger_UsesTheShortestEncoding(long value, string expected)
    {
        var writer = new MsgpackWriter();
        writer.WriteInteger(value);
        Assert.Equal(expected, Hex.Format(writer.WrittenSpan));
    }

    [Fact]
    public void WriteInteger_WritesUInt64_AboveTheSignedRange()
    {
        var writer = new MsgpackWriter();
        writer.WriteInteger(ulong.MaxValue);
        Assert.Equal("CF FF FF FF FF FF FF FF FF", Hex.Format(writer.WrittenSpan));
    }

    [Fact]
    public void Scalars_HaveTheirSpecifiedBytes()
    {
        var writer = new MsgpackWriter();
        writer.WriteNil();
        writer.WriteBoolean(false);
        writer.WriteBoolean(true);
        writer.WriteSingle(1.5f);
        writer.WriteDouble(-2.25);
        Assert.Equal("C0 C2 C3 CA 3F C0 00 00 CB C0 02 00 00 00 00 00 00", Hex.Format(writer.WrittenSpan));
    }

    [Theory]
    [InlineData(0, "A0")]
    [InlineData(31, "BF")]
    [InlineData(32, "D9 20")]
    [InlineData(255, "D9 FF")]
    [InlineData(256, "DA 01 00")]
    [InlineData(65535, "DA FF FF")]
    [InlineData(65536, "DB 00 01 00 00")]
    public void WriteString_PicksFixstrStr8Str16OrStr32ByLength(int length, string expectedHeader)
    {
        var writer = new MsgpackWriter(16);
        writer.WriteString(new string('a', length));
        byte[] header = Hex.Parse(expectedHeader);
        Assert.Equal(header.Length + length, writer.Length);
        Assert.Equal(expectedHeader, Hex.Format(writer.WrittenSpan[..header.Length]));
        Assert.True(writer.WrittenSpan[header.Length..].ToArray().All(letter => letter == (byte)'a'));
    }

    [Fact]
    public void WriteString_CountsUtf8BytesNotCharacters()
    {
        var writer = new MsgpackWriter();
        writer.WriteString("hé");
        Assert.Equal("A3 68 C3 A9", Hex.Format(writer.WrittenSpan));
    }

    [Theory]
    [InlineData(0, "C4 00")]
    [InlineData(255, "C4 FF")]
    [InlineData(256, "C5 01 00")]
    [InlineData(65535, "C5 FF FF")]
    [InlineData(65536, "C6 00 01 00 00")]
    public void WriteBinary_PicksBin8Bin16OrBin32ByLength(int length, string expectedHeader)
    {
        var writer = new MsgpackWriter(16);
        byte[] payload = [.. Enumerable.Range(0, length).Select(index => (byte)index)];
        writer.WriteBinary(payload);
        byte[] header = Hex.Parse(expectedHeader);
        Assert.Equal(expectedHeader, Hex.Format(writer.WrittenSpan[..header.Length]));
        Assert.Equal(payload, writer.WrittenSpan[header.Length..].ToArray());
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9F", "8F")]
    [InlineData(16, "DC 00 10", "DE 00 10")]
    [InlineData(65535, "DC FF FF", "DE FF FF")]
    [InlineData(65536, "DD 00 01 00 00", "DF 00 01 00 00")]
    public void ContainerHeaders_PickFixSixteenOrThirtyTwoBitForms(int count, string arrayHeader, string mapHeader)
    {
        var writer = new MsgpackWriter();
        writer.WriteArrayHeader(count);
        Assert.Equal(arrayHeader, Hex.Format(writer.WrittenSpan));
        writer.Reset();
        writer.WriteMapHeader(count);
        Assert.Equal(mapHeader, Hex.Format(writer.WrittenSpan));
    }

    [Fact]
    public void Reset_KeepsTheBuffer_SoTheNextMessageStartsAtZero()
    {
        var writer = new MsgpackWriter(16);
        writer.WriteBinary(new byte[1000]);
        writer.Reset();
        writer.WriteNil();
        Assert.Equal("C0", Hex.Format(writer.WrittenSpan));
    }
}
