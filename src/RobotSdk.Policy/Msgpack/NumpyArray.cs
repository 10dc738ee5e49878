using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// A numpy array as openpi's msgpack convention carries it: C-order little-endian bytes with their
/// dtype and shape (the map <c>{__ndarray__: true, data, dtype, shape}</c> with bin keys).
/// The reader produces one for every such map; <see cref="NumpyMsgpack"/> writes them.
/// </summary>
public sealed class NumpyArray
{
    /// <summary>Creates an array over <paramref name="data"/>, checking that its length matches shape and dtype.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the data length is not the element count times the item size.</exception>
    public NumpyArray(NumpyDtype dtype, IReadOnlyList<int> shape, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        ArgumentNullException.ThrowIfNull(shape);
        long elements = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Array shape ({string.Join(", ", shape)}) has a negative dimension.", nameof(shape));
            }

            elements *= dimension;
        }

        if (elements * dtype.ItemSize != data.Length)
        {
            throw new ArgumentException(
                $"Array of dtype {dtype} and shape ({string.Join(", ", shape)}) needs {elements * dtype.ItemSize} bytes of data, got {data.Length}.",
                nameof(data));
        }

        Dtype = dtype;
        Shape = [.. shape];
        Data = data;
        ElementCount = elements;
    }

    /// <summary>The element type.</summary>
    public NumpyDtype Dtype { get; }

    /// <summary>The dimensions, outermost first (C order).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The raw elements, C order, little-endian.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Number of elements (the product of the dimensions).</summary>
    public long ElementCount { get; }

    /// <summary>Returns the elements as float32, converting from float64 (or float16) where needed.</summary>
    /// <exception cref="FormatException">The dtype is not a floating-point type.</exception>
    public float[] ToSingleArray()
    {
        var values = new float[ElementCount];
        ReadOnlySpan<byte> bytes = Data.Span;
        switch (Dtype.ItemSize)
        {
            case 4 when Dtype.IsFloatingPoint && BitConverter.IsLittleEndian:
                // Same byte order as the wire: one block copy (no alignment needed).
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                break;
            case 4 when Dtype.IsFloatingPoint:
                for (int index = 0; index < values.Length; index++)
                {
                    values[index] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(index * 4)..]);
                }

                break;
            case 8 when Dtype.IsFloatingPoint:
                for (int index = 0; index < values.Length; index++)
                {
                    values[index] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(index * 8)..]);
                }

                break;
            case 2 when Dtype.IsFloatingPoint:
                for (int index = 0; index < values.Length; index++)
                {
                    values[index] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(index * 2)..]);
                }

                break;
            default:
                throw new FormatException($"Expected a floating-point array (<f2, <f4 or <f8), got dtype {Dtype}.");
        }

        return values;
    }

    /// <summary>Returns the elements as float64, converting from float32 (or float16) where needed.</summary>
    /// <exception cref="FormatException">The dtype is not a floating-point type.</exception>
    public double[] ToDoubleArray()
    {
        if (Dtype.ItemSize == 8 && Dtype.IsFloatingPoint)
        {
            var values = new double[ElementCount];
            ReadOnlySpan<byte> bytes = Data.Span;
            for (int index = 0; index < values.Length; index++)
            {
                values[index] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(index * 8)..]);
            }

            return values;
        }

        return [.. ToSingleArray().Select(value => (double)value)];
    }

    /// <summary>Returns the elements of a <c>|u1</c> array (images) without conversion.</summary>
    /// <exception cref="FormatException">The dtype is not <c>|u1</c>.</exception>
    public ReadOnlySpan<byte> AsBytes() =>
        Dtype == NumpyDtype.UInt8 ? Data.Span : throw new FormatException($"Expected a |u1 array, got dtype {Dtype}.");

    /// <inheritdoc/>
    public override string ToString() => $"ndarray(dtype={Dtype}, shape=({string.Join(", ", Shape)}))";
}
