using System.Text;

namespace RobotSdk.Transports.Tests;

public sealed class SlcanCodecTests
{
    [Theory]
    [InlineData("t1230", 0x123u, false, false, 0)]
    [InlineData("t7FF3AABBCC", 0x7FFu, false, false, 3)]
    [InlineData("t7ff3aabbcc", 0x7FFu, false, false, 3)]
    [InlineData("T1ABCDEF020102", 0x1ABCDEF0u, true, false, 2)]
    [InlineData("r1234", 0x123u, false, true, 4)]
    [InlineData("R1ABCDEF08", 0x1ABCDEF0u, true, true, 8)]
    [InlineData("t12310112AB", 0x123u, false, false, 1)]
    public void Parse_DecodesFrameLines(string line, uint id, bool isExtended, bool isRemote, int length)
    {
        SlcanLineKind kind = SlcanCodec.Parse(Encoding.ASCII.GetBytes(line), out CanFrame frame);

        Assert.Equal(SlcanLineKind.Frame, kind);
        Assert.Equal(id, frame.Id);
        Assert.Equal(isExtended, frame.IsExtended);
        Assert.Equal(isRemote, frame.IsRemote);
        Assert.Equal(length, frame.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("Z")]
    public void Parse_RecognisesAcknowledgements(string line)
    {
        Assert.Equal(SlcanLineKind.Acknowledgement, SlcanCodec.Parse(Encoding.ASCII.GetBytes(line), out _));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("t12")]
    [InlineData("t1239")]
    [InlineData("t8001AA")]
    [InlineData("t1232AA")]
    [InlineData("t1231AAB")]
    [InlineData("t1231GG")]
    [InlineData("T200000000")]
    [InlineData("r123")]
    [InlineData("F00")]
    [InlineData("zz")]
    public void Parse_ReportsMalformedLines(string line)
    {
        Assert.Equal(SlcanLineKind.Malformed, SlcanCodec.Parse(Encoding.ASCII.GetBytes(line), out _));
    }

    [Fact]
    public void Parse_AcceptsAFourDigitTimestamp()
    {
        SlcanLineKind kind = SlcanCodec.Parse("t1232AABB1F40"u8, out CanFrame frame);

        Assert.Equal(SlcanLineKind.Frame, kind);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, frame.Data.ToArray());
    }

    [Fact]
    public void Format_WritesUppercaseHexAndCr()
    {
        Span<byte> buffer = stackalloc byte[SlcanCodec.MaxFrameLineLength];

        int length = SlcanCodec.Format(new CanFrame(0xab, [0xde, 0xad], isExtended: true), buffer);

        Assert.Equal("T000000AB2DEAD\r", Encoding.ASCII.GetString(buffer[..length]));
    }

    [Fact]
    public void Format_ThrowsArgumentException_ForAnErrorFrame()
    {
        var buffer = new byte[SlcanCodec.MaxFrameLineLength];

        Assert.Throws<ArgumentException>(() => SlcanCodec.Format(CanFrame.CreateError(4, []), buffer));
    }

    [Fact]
    public void FormatThenParse_ReturnsTheSameFrame_ForRandomFrames()
    {
        var random = new Random(20240611);
        var buffer = new byte[SlcanCodec.MaxFrameLineLength];
        for (int trial = 0; trial < 5000; trial++)
        {
            CanFrame frame = CanFrameGenerator.Next(random);

            int length = SlcanCodec.Format(frame, buffer);
            Assert.Equal((byte)'\r', buffer[length - 1]);
            SlcanLineKind kind = SlcanCodec.Parse(buffer.AsSpan(0, length - 1), out CanFrame parsed);

            Assert.Equal(SlcanLineKind.Frame, kind);
            Assert.Equal(frame, parsed);
        }
    }
}
