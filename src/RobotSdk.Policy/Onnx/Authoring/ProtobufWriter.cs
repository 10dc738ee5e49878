using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>
/// Writes the protocol buffers wire format, the few field kinds ONNX models need: varints
/// (wire type 0), 32-bit floats (wire type 5) and length-delimited bytes, strings, packed arrays
/// and nested messages (wire type 2). Nested messages are written to their own writer first, so
/// their length is known when the parent writes them.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;
    private const int Fixed32WireType = 5;

    private readonly ArrayBufferWriter<byte> buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    /// <summary>An int64/int32/enum field; negative values take ten bytes, as the format requires.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWireType);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A float field (little-endian IEEE single).</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32WireType);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    /// <summary>A string field, UTF-8.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
    }

    /// <summary>A nested message field.</summary>
    public void WriteMessage(int field, ProtobufWriter message) => WriteBytes(field, message.buffer.WrittenSpan);

    /// <summary>A packed repeated int64 field.</summary>
    public void WritePackedInt64(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtobufWriter();
        foreach (var value in values)
        {
            packed.WriteVarint(unchecked((ulong)value));
        }

        WriteMessage(field, packed);
    }

    /// <summary>A packed repeated float field.</summary>
    public void WritePackedFloat(int field, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var index = 0; index < values.Length; index++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(index * 4), values[index]);
        }

        WriteBytes(field, bytes);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }
}
