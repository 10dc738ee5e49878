using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>The wire format against the protocol buffers encoding guide's own examples.</summary>
public sealed class ProtobufWriterTests
{
    [Fact]
    public void WriteInt64_150InField1_IsTheGuidesExample()
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(1, 150);

        Assert.Equal("08 96 01", Hex.Format(writer.ToArray()));
    }

    [Fact]
    public void WriteString_TestingInField2_IsTheGuidesExample()
    {
        var writer = new ProtobufWriter();

        writer.WriteString(2, "testing");

        Assert.Equal("12 07 74 65 73 74 69 6E 67", Hex.Format(writer.ToArray()));
    }

    [Fact]
    public void WriteInt64_Negative_TakesTenBytes()
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(1, -1);

        Assert.Equal("08 FF FF FF FF FF FF FF FF FF 01", Hex.Format(writer.ToArray()));
    }

    [Fact]
    public void WritePackedInt64_3_270_86942InField4_IsTheGuidesExample()
    {
        var writer = new ProtobufWriter();

        writer.WritePackedInt64(4, [3, 270, 86942]);

        Assert.Equal("22 06 03 8E 02 9E A7 05", Hex.Format(writer.ToArray()));
    }

    [Fact]
    public void WriteFloat_IsFixed32LittleEndian()
    {
        var writer = new ProtobufWriter();

        writer.WriteFloat(2, 1.0f);

        Assert.Equal("15 00 00 80 3F", Hex.Format(writer.ToArray()));
    }

    [Fact]
    public void WriteMessage_PrefixesTheNestedMessagesLength()
    {
        var inner = new ProtobufWriter();
        inner.WriteInt64(1, 150);
        var outer = new ProtobufWriter();

        outer.WriteMessage(3, inner);

        Assert.Equal("1A 03 08 96 01", Hex.Format(outer.ToArray()));
    }
}
