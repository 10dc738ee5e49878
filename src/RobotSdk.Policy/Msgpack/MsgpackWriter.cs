using System.Buffers.Binary;
using System.Text;

namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// Writes msgpack into one reusable, growing buffer (call <see cref="Reset"/> between messages, so a
/// steady stream of observations allocates nothing once the buffer has reached its working size).
/// Every value takes its shortest encoding, as Python's <c>msgpack</c> package chooses it: positive
/// integers as fixint/uint8/16/32/64, negative ones as fixint/int8/16/32/64, strings as
/// fixstr/str8/16/32, byte strings as bin8/16/32. Not thread-safe.
/// </summary>
public sealed class MsgpackWriter
{
    private byte[] buffer;
    private int length;

    /// <summary>Creates a writer whose buffer starts at <paramref name="initialCapacity"/> bytes.</summary>
    /// <param name="initialCapacity">Starting size of the buffer in bytes (at least 16); it doubles as needed.</param>
    public MsgpackWriter(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 16);
        buffer = new byte[initialCapacity];
    }

    /// <summary>The bytes written since the last <see cref="Reset"/>; valid until the next write or reset.</summary>
    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, length);

    /// <summary>The bytes written since the last <see cref="Reset"/>; valid until the next write or reset.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, length);

    /// <summary>Number of bytes written since the last <see cref="Reset"/>.</summary>
    public int Length => length;

    /// <summary>Forgets what was written and keeps the buffer for the next message.</summary>
    public void Reset() => length = 0;

    /// <summary>Writes nil (0xc0).</summary>
    public void WriteNil() => WriteByte(0xc0);

    /// <summary>Writes true (0xc3) or false (0xc2).</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>Writes a signed integer in its shortest encoding.</summary>
    public void WriteInteger(long value)
    {
        if (value >= 0)
        {
            WriteInteger((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = Reserve(2);
            span[0] = 0xd0;
            span[1] = unchecked((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = Reserve(5);
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            Span<byte> span = Reserve(9);
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>Writes an unsigned integer in its shortest encoding.</summary>
    public void WriteInteger(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> span = Reserve(2);
            span[0] = 0xcc;
            span[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = Reserve(5);
            span[0] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
        }
        else
        {
            Span<byte> span = Reserve(9);
            span[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>Writes a float32 (0xca).</summary>
    public void WriteSingle(float value)
    {
        Span<byte> span = Reserve(5);
        span[0] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    /// <summary>Writes a float64 (0xcb), the encoding Python uses for every <c>float</c>.</summary>
    public void WriteDouble(double value)
    {
        Span<byte> span = Reserve(9);
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>Writes a UTF-8 string (fixstr, str8, str16 or str32).</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Writes a string whose UTF-8 bytes are already at hand (fixstr, str8, str16 or str32).</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        utf8.CopyTo(Reserve(utf8.Length));
    }

    /// <summary>Writes a byte string (bin8, bin16 or bin32).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>
    /// Writes the header of a byte string of <paramref name="byteCount"/> bytes and returns the span
    /// its bytes go into, so large payloads (image pixels) are copied once, straight into the buffer.
    /// </summary>
    public Span<byte> WriteBinary(int byteCount)
    {
        WriteBinaryHeader(byteCount);
        return Reserve(byteCount);
    }

    /// <summary>Writes the header of an array of <paramref name="count"/> elements (fixarray, array16 or array32); the elements follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteContainerHeader(count, 0x90, 0xdc, 0xdd);
    }

    /// <summary>Writes the header of a map of <paramref name="count"/> pairs (fixmap, map16 or map32); keys and values follow, alternating.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteContainerHeader(count, 0x80, 0xde, 0xdf);
    }

    /// <summary>A writable view of bytes already written (to fill a reserved payload after later writes).</summary>
    internal Span<byte> WrittenSlice(int offset, int count) => buffer.AsSpan(0, length).Slice(offset, count);

    private void WriteStringHeader(int byteCount)
    {
        if (byteCount < 32)
        {
            WriteByte((byte)(0xa0 | byteCount));
        }
        else
        {
            WriteLengthHeader(byteCount, 0xd9, 0xda, 0xdb);
        }
    }

    private void WriteBinaryHeader(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        WriteLengthHeader(byteCount, 0xc4, 0xc5, 0xc6);
    }

    private void WriteContainerHeader(int count, byte fixPrefix, byte code16, byte code32)
    {
        if (count < 16)
        {
            WriteByte((byte)(fixPrefix | count));
        }
        else if (count <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
        }
        else
        {
            Span<byte> span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
        }
    }

    private void WriteLengthHeader(int byteCount, byte code8, byte code16, byte code32)
    {
        if (byteCount <= byte.MaxValue)
        {
            Span<byte> span = Reserve(2);
            span[0] = code8;
            span[1] = (byte)byteCount;
        }
        else if (byteCount <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
        }
        else
        {
            Span<byte> span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
        }
    }

    private void WriteByte(byte value) => Reserve(1)[0] = value;

    private Span<byte> Reserve(int count)
    {
        if (buffer.Length - length < count)
        {
            long needed = (long)length + count;
            long capacity = Math.Max(needed, (long)buffer.Length * 2);
            if (capacity > Array.MaxLength)
            {
                capacity = needed <= Array.MaxLength
                    ? Array.MaxLength
                    : throw new InvalidOperationException($"A msgpack message of {needed} bytes is larger than the largest .NET array ({Array.MaxLength} bytes).");
            }

            Array.Resize(ref buffer, (int)capacity);
        }

        Span<byte> span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
