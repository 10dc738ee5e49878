using System.Buffers.Binary;

namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// Writes numpy arrays in openpi's msgpack convention (its <c>msgpack_numpy.pack_array</c> hook):
/// a 4-entry map whose KEYS are msgpack bin, <c>b"__ndarray__": true</c>, <c>b"data"</c>: the raw
/// C-order little-endian bytes (bin), <c>b"dtype"</c>: numpy's dtype string (str, e.g. <c>"&lt;f4"</c>),
/// <c>b"shape"</c>: the dimensions (array of integers), in that order. Reading is done by
/// <see cref="MsgpackReader"/>, which turns such maps into <see cref="NumpyArray"/>.
/// </summary>
public static class NumpyMsgpack
{
    /// <summary>Writes a <c>|u1</c> array (images) of the given shape; <paramref name="data"/> is C order.</summary>
    /// <exception cref="ArgumentException">The data length is not the product of the dimensions.</exception>
    public static void WriteUInt8Array(MsgpackWriter writer, ReadOnlySpan<byte> data, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckLength(data.Length, shape, NumpyDtype.UInt8);
        data.CopyTo(WriteHeader(writer, NumpyDtype.UInt8, shape, data.Length));
    }

    /// <summary>Writes a <c>&lt;f4</c> array (states) of the given shape; <paramref name="data"/> is C order.</summary>
    /// <exception cref="ArgumentException">The element count is not the product of the dimensions.</exception>
    public static void WriteFloat32Array(MsgpackWriter writer, ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckLength(data.Length, shape, NumpyDtype.Float32);
        Span<byte> target = WriteHeader(writer, NumpyDtype.Float32, shape, data.Length * 4);
        for (int index = 0; index < data.Length; index++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(target[(index * 4)..], data[index]);
        }
    }

    /// <summary>Writes an array whose little-endian bytes are already laid out for <paramref name="dtype"/>.</summary>
    /// <exception cref="ArgumentException">The byte count is not the element count times the item size.</exception>
    public static void WriteArray(MsgpackWriter writer, NumpyDtype dtype, ReadOnlySpan<byte> data, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dtype);
        if (data.Length % dtype.ItemSize != 0)
        {
            throw new ArgumentException($"{data.Length} bytes are not a whole number of {dtype} elements ({dtype.ItemSize} bytes each).", nameof(data));
        }

        CheckLength(data.Length / dtype.ItemSize, shape, dtype);
        data.CopyTo(WriteHeader(writer, dtype, shape, data.Length));
    }

    private static Span<byte> WriteHeader(MsgpackWriter writer, NumpyDtype dtype, ReadOnlySpan<int> shape, int byteCount)
    {
        writer.WriteMapHeader(4);
        writer.WriteBinary("__ndarray__"u8);
        writer.WriteBoolean(true);
        writer.WriteBinary("data"u8);
        _ = writer.WriteBinary(byteCount);

        // A span into the buffer is valid only until the next write may grow it, so the caller fills
        // the data after the rest of the map is written: remember where it is instead.
        int dataOffset = writer.Length - byteCount;
        writer.WriteBinary("dtype"u8);
        writer.WriteString(dtype.Text);
        writer.WriteBinary("shape"u8);
        writer.WriteArrayHeader(shape.Length);
        foreach (int dimension in shape)
        {
            writer.WriteInteger(dimension);
        }

        return writer.WrittenSlice(dataOffset, byteCount);
    }

    private static void CheckLength(int elementCount, ReadOnlySpan<int> shape, NumpyDtype dtype)
    {
        long expected = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            expected *= dimension;
        }

        if (expected != elementCount)
        {
            throw new ArgumentException(
                $"A {dtype} array of shape ({string.Join(", ", shape.ToArray())}) has {expected} elements, but {elementCount} were given.",
                nameof(shape));
        }
    }
}
