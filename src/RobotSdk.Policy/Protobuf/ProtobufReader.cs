using System.Buffers.Binary;
using System.Text;

namespace RobotSdk.Policy.Protobuf;

/// <summary>
/// Reads the protocol buffers wire format field by field: tags, varints (wire type 0), 64-bit
/// (wire type 1), length-delimited bytes, strings and nested messages (wire type 2) and 32-bit
/// values (wire type 5). Every error names the byte offset from the start of the outermost
/// message, so a corrupt file can be located. Unknown fields are skipped with <see cref="SkipField"/>.
/// </summary>
internal ref struct ProtobufReader
{
    /// <summary>Wire type of varint fields (int32, int64, uint64, bool, enum).</summary>
    public const int VarintWireType = 0;

    /// <summary>Wire type of 64-bit fields (fixed64, double).</summary>
    public const int Fixed64WireType = 1;

    /// <summary>Wire type of length-delimited fields (string, bytes, messages, packed arrays).</summary>
    public const int LengthDelimitedWireType = 2;

    /// <summary>Wire type of 32-bit fields (fixed32, float).</summary>
    public const int Fixed32WireType = 5;

    private readonly ReadOnlySpan<byte> data;
    private readonly long baseOffset;
    private int position;

    /// <summary>A reader over <paramref name="data"/>, whose first byte lies at <paramref name="baseOffset"/> in the file.</summary>
    public ProtobufReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        this.data = data;
        this.baseOffset = baseOffset;
    }

    /// <summary>The offset of the next byte to read, from the start of the outermost message.</summary>
    public readonly long Offset => baseOffset + position;

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        if (position >= data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        long tagOffset = Offset;
        ulong tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0 || tag >> 3 > int.MaxValue)
        {
            throw new InvalidDataException($"Invalid protobuf field number {tag >> 3} at byte offset {tagOffset}.");
        }

        return true;
    }

    /// <summary>Reads a base-128 varint (at most ten bytes).</summary>
    public ulong ReadVarint()
    {
        long start = Offset;
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException($"Truncated protobuf varint at byte offset {start}: the data ends at byte offset {Offset}.");
            }

            byte current = data[position++];
            value |= (ulong)(current & 0x7F) << shift;
            if (current < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"Protobuf varint at byte offset {start} is longer than ten bytes.");
    }

    /// <summary>Reads an int32 or enum field's varint; negative values arrive sign-extended to 64 bits.</summary>
    public int ReadInt32() => unchecked((int)ReadVarint());

    /// <summary>Reads a bool field's varint.</summary>
    public bool ReadBoolean() => ReadVarint() != 0;

    /// <summary>Reads a little-endian float (wire type 5).</summary>
    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "float"));

    /// <summary>Reads a length-delimited field's bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes() => ReadLengthDelimited(out _);

    /// <summary>Reads a length-delimited field as UTF-8 text.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Reads a nested message and returns a reader over it that reports offsets in this reader's terms.</summary>
    public ProtobufReader ReadMessage()
    {
        ReadOnlySpan<byte> message = ReadLengthDelimited(out long start);
        return new ProtobufReader(message, start);
    }

    /// <summary>Skips the value of a field of <paramref name="wireType"/>, for fields the caller does not use.</summary>
    public void SkipField(int wireType)
    {
        switch (wireType)
        {
            case VarintWireType:
                ReadVarint();
                break;
            case Fixed64WireType:
                Take(8, "fixed64");
                break;
            case LengthDelimitedWireType:
                ReadLengthDelimited(out _);
                break;
            case Fixed32WireType:
                Take(4, "fixed32");
                break;
            default:
                throw new InvalidDataException($"Unsupported protobuf wire type {wireType} before byte offset {Offset} (groups and unknown wire types are not read).");
        }
    }

    /// <summary>Throws unless <paramref name="wireType"/> is <paramref name="expected"/>, naming the field.</summary>
    public readonly void Expect(int wireType, int expected, string fieldName)
    {
        if (wireType != expected)
        {
            throw new InvalidDataException($"Protobuf field {fieldName} has wire type {wireType}, expected {expected}, before byte offset {Offset}.");
        }
    }

    private ReadOnlySpan<byte> ReadLengthDelimited(out long start)
    {
        long lengthOffset = Offset;
        ulong length = ReadVarint();
        start = Offset;
        if (length > (ulong)(data.Length - position))
        {
            throw new InvalidDataException($"Truncated protobuf field: the length at byte offset {lengthOffset} says {length} bytes, but only {data.Length - position} remain.");
        }

        ReadOnlySpan<byte> value = data.Slice(position, (int)length);
        position += (int)length;
        return value;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (data.Length - position < count)
        {
            throw new InvalidDataException($"Truncated protobuf {what} at byte offset {Offset}: {count} bytes needed, {data.Length - position} remain.");
        }

        ReadOnlySpan<byte> value = data.Slice(position, count);
        position += count;
        return value;
    }
}
