using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Protobuf;

namespace RobotSdk.Policy.Tests.Protobuf;

/// <summary>The wire-format reader against the encoding guide's examples, the writer's output, and truncated data.</summary>
public sealed class ProtobufReaderTests
{
    [Fact]
    public void ReadVarint_150InField1_IsTheGuidesExample()
    {
        var reader = new ProtobufReader([0x08, 0x96, 0x01]);

        Assert.True(reader.TryReadTag(out int field, out int wireType));
        Assert.Equal((1, ProtobufReader.VarintWireType), (field, wireType));
        Assert.Equal(150UL, reader.ReadVarint());
        Assert.False(reader.TryReadTag(out _, out _));
    }

    [Fact]
    public void Read_WhatTheWriterWrote_GivesItBack()
    {
        var nested = new ProtobufWriter();
        nested.WriteString(1, "▁pick");
        nested.WriteFloat(2, -3.25f);
        var writer = new ProtobufWriter();
        writer.WriteInt64(40, -1);
        writer.WriteMessage(1, nested);
        writer.WriteInt64(7, 1);

        var reader = new ProtobufReader(writer.ToArray());

        Assert.True(reader.TryReadTag(out int field, out _));
        Assert.Equal((40, -1), (field, reader.ReadInt32()));
        Assert.True(reader.TryReadTag(out field, out _));
        Assert.Equal(1, field);
        ProtobufReader piece = reader.ReadMessage();
        Assert.True(piece.TryReadTag(out _, out _));
        Assert.Equal("▁pick", piece.ReadString());
        Assert.True(piece.TryReadTag(out _, out int wireType));
        Assert.Equal(ProtobufReader.Fixed32WireType, wireType);
        Assert.Equal(-3.25f, piece.ReadSingle());
        Assert.True(reader.TryReadTag(out field, out wireType));
        reader.SkipField(wireType);
        Assert.Equal(7, field);
        Assert.False(reader.TryReadTag(out _, out _));
    }

    [Fact]
    public void ReadMessage_ReportsOffsetsFromTheOuterMessage()
    {
        // Field 1, 3 bytes long, holding a varint tag (field 2) whose value is cut off.
        byte[] data = [0x0A, 0x02, 0x10, 0x96];
        var reader = new ProtobufReader(data);
        reader.TryReadTag(out _, out _);
        ProtobufReader inner = reader.ReadMessage();
        inner.TryReadTag(out _, out _);

        try
        {
            inner.ReadVarint();
            Assert.Fail("A truncated varint was read.");
        }
        catch (InvalidDataException error)
        {
            Assert.Contains("Truncated protobuf varint at byte offset 3", error.Message);
        }
    }

    [Fact]
    public void ReadBytes_LengthPastTheEnd_SaysHowMuchRemains()
    {
        var reader = new ProtobufReader([0x0A, 0x05, 0x41]);
        reader.TryReadTag(out _, out _);

        try
        {
            reader.ReadBytes();
            Assert.Fail("A truncated field was read.");
        }
        catch (InvalidDataException error)
        {
            Assert.Equal("Truncated protobuf field: the length at byte offset 1 says 5 bytes, but only 1 remain.", error.Message);
        }
    }
}
