namespace RobotSdk.Transports.Tests;

public sealed class CanFrameTests
{
    [Fact]
    public void ToString_UsesCandumpNotation_ForAStandardFrame()
    {
        var frame = new CanFrame(0x155, [0x00, 0x00, 0x27, 0x10, 0xFF, 0xFF, 0xB1, 0xE0]);

        Assert.Equal("155#00002710FFFFB1E0", frame.ToString());
    }

    [Theory]
    [InlineData("155#00002710FFFFB1E0")]
    [InlineData("001#")]
    [InlineData("12345678#0102")]
    [InlineData("123#R")]
    [InlineData("123#R4")]
    [InlineData("1ABCDEF0#R8")]
    public void Parse_ReadsBackWhatToStringWrote(string text)
    {
        Assert.Equal(text, CanFrame.Parse(text).ToString());
    }

    [Theory]
    [InlineData("15#00")]
    [InlineData("800#00")]
    [InlineData("155#001")]
    [InlineData("155#000102030405060708")]
    [InlineData("155#R9")]
    [InlineData("XYZ#00")]
    public void Parse_ThrowsFormatException_ForInvalidText(string text)
    {
        Assert.Throws<FormatException>(() => CanFrame.Parse(text));
    }

    [Fact]
    public void Constructor_StoresIdLengthAndData()
    {
        var frame = new CanFrame(0x1ABCDEF0, [1, 2, 3], isExtended: true);

        Assert.Equal(0x1ABCDEF0u, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.False(frame.IsRemote);
        Assert.False(frame.IsError);
        Assert.Equal(3, frame.Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Data.ToArray());
    }

    [Theory]
    [InlineData(0x800u, false)]
    [InlineData(0x20000000u, true)]
    public void Constructor_ThrowsArgumentOutOfRange_ForAnIdBeyondItsWidth(uint id, bool isExtended)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CanFrame(id, [], isExtended));

        Assert.Equal(id, exception.ActualValue);
    }

    [Fact]
    public void Constructor_ThrowsArgumentOutOfRange_ForMoreThanEightBytes()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CanFrame(0x100, new byte[9]));

        Assert.Equal(9, exception.ActualValue);
    }

    [Fact]
    public void CreateRemote_HasALengthButNoData()
    {
        var frame = CanFrame.CreateRemote(0x7FF, 8);

        Assert.True(frame.IsRemote);
        Assert.Equal(8, frame.Length);
        Assert.True(frame.Data.IsEmpty);
    }

    [Fact]
    public void Equality_ComparesIdKindAndData()
    {
        var frame = new CanFrame(0x151, [1, 1, 0x32]);

        Assert.Equal(frame, new CanFrame(0x151, [1, 1, 0x32]));
        Assert.True(frame == new CanFrame(0x151, [1, 1, 0x32]));
        Assert.NotEqual(frame, new CanFrame(0x151, [1, 1, 0x33]));
        Assert.NotEqual(frame, new CanFrame(0x151, [1, 1, 0x32], isExtended: true));
        Assert.NotEqual(CanFrame.CreateRemote(0x151, 3), new CanFrame(0x151, [0, 0, 0]));
        Assert.Equal(frame.GetHashCode(), new CanFrame(0x151, [1, 1, 0x32]).GetHashCode());
    }

    [Fact]
    public void CopyDataTo_CopiesThePayload()
    {
        var frame = new CanFrame(0x10, [9, 8, 7]);
        Span<byte> destination = stackalloc byte[8];

        int count = frame.CopyDataTo(destination);

        Assert.Equal(3, count);
        Assert.Equal(new byte[] { 9, 8, 7 }, destination[..3].ToArray());
    }
}
