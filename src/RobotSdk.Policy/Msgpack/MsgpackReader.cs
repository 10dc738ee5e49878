using System.Buffers.Binary;
using System.Text;

namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// Strict msgpack decoder: one message in, one value out, nothing left over. Values become
/// <see langword="null"/>, <see cref="bool"/>, <see cref="long"/> (every integer that fits;
/// <see cref="ulong"/> above <see cref="long.MaxValue"/>), <see cref="float"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="byte"/> arrays (bin), <c>object?[]</c> (arrays) and
/// <see cref="MsgpackMap"/>; maps following openpi's numpy convention become <see cref="NumpyArray"/>
/// and <see cref="NumpyScalar"/> (as openpi's <c>msgpack_numpy.unpackb</c> does with its object hook).
/// Extension types are rejected. Every error is a <see cref="MsgpackFormatException"/> naming the
/// byte offset and what was expected.
/// </summary>
public static class MsgpackReader
{
    /// <summary>The nesting depth accepted by default: far more than any observation or reply needs.</summary>
    public const int DefaultMaxDepth = 64;

    private static readonly byte[] NdarrayKey = "__ndarray__"u8.ToArray();
    private static readonly byte[] NpgenericKey = "__npgeneric__"u8.ToArray();
    private static readonly byte[] DataKey = "data"u8.ToArray();
    private static readonly byte[] DtypeKey = "dtype"u8.ToArray();
    private static readonly byte[] ShapeKey = "shape"u8.ToArray();

    /// <summary>Decodes the single msgpack value that makes up <paramref name="message"/>.</summary>
    /// <param name="message">The whole message; bytes after the value are an error.</param>
    /// <param name="maxDepth">How deeply arrays and maps may nest (1 = a flat map or array).</param>
    /// <exception cref="MsgpackFormatException">The bytes are not one well-formed value.</exception>
    public static object? Read(ReadOnlySpan<byte> message, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        var cursor = new Cursor(message, maxDepth);
        if (message.IsEmpty)
        {
            throw new MsgpackFormatException(0, "empty input, expected a msgpack value");
        }

        object? value = cursor.ReadValue(0);
        if (cursor.Position != message.Length)
        {
            throw new MsgpackFormatException(cursor.Position, $"{message.Length - cursor.Position} unexpected byte(s) after the end of the value, expected the end of the message");
        }

        return value;
    }

    private ref struct Cursor(ReadOnlySpan<byte> bytes, int maxDepth)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private readonly int maxDepth = maxDepth;

        public int Position { get; private set; }

        public object? ReadValue(int depth)
        {
            int start = Position;
            byte code = Take(1, "a type byte")[0];
            switch (code)
            {
                case <= 0x7f:
                    return (long)code;
                case >= 0xe0:
                    return (long)(sbyte)code;
                case >= 0x80 and <= 0x8f:
                    return ReadMap(code & 0x0f, depth, start);
                case >= 0x90 and <= 0x9f:
                    return ReadArray(code & 0x0f, depth, start);
                case >= 0xa0 and <= 0xbf:
                    return ReadString(code & 0x1f);
                case 0xc0:
                    return null;
                case 0xc2:
                    return false;
                case 0xc3:
                    return true;
                case 0xc4:
                    return ReadBinary(Take(1, "a bin8 length")[0]);
                case 0xc5:
                    return ReadBinary(BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a bin16 length")));
                case 0xc6:
                    return ReadBinary(ReadLength32("bin32"));
                case >= 0xc7 and <= 0xc9:
                case >= 0xd4 and <= 0xd8:
                    throw new MsgpackFormatException(start, $"extension type byte 0x{code:x2} is not supported (openpi's protocol uses none)");
                case 0xca:
                    return BinaryPrimitives.ReadSingleBigEndian(Take(4, "a float32"));
                case 0xcb:
                    return BinaryPrimitives.ReadDoubleBigEndian(Take(8, "a float64"));
                case 0xcc:
                    return (long)Take(1, "a uint8")[0];
                case 0xcd:
                    return (long)BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a uint16"));
                case 0xce:
                    return (long)BinaryPrimitives.ReadUInt32BigEndian(Take(4, "a uint32"));
                case 0xcf:
                    ulong large = BinaryPrimitives.ReadUInt64BigEndian(Take(8, "a uint64"));
                    return large <= long.MaxValue ? (long)large : large;
                case 0xd0:
                    return (long)(sbyte)Take(1, "an int8")[0];
                case 0xd1:
                    return (long)BinaryPrimitives.ReadInt16BigEndian(Take(2, "an int16"));
                case 0xd2:
                    return (long)BinaryPrimitives.ReadInt32BigEndian(Take(4, "an int32"));
                case 0xd3:
                    return BinaryPrimitives.ReadInt64BigEndian(Take(8, "an int64"));
                case 0xd9:
                    return ReadString(Take(1, "a str8 length")[0]);
                case 0xda:
                    return ReadString(BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a str16 length")));
                case 0xdb:
                    return ReadString(ReadLength32("str32"));
                case 0xdc:
                    return ReadArray(BinaryPrimitives.ReadUInt16BigEndian(Take(2, "an array16 length")), depth, start);
                case 0xdd:
                    return ReadArray(ReadLength32("array32"), depth, start);
                case 0xde:
                    return ReadMap(BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a map16 length")), depth, start);
                case 0xdf:
                    return ReadMap(ReadLength32("map32"), depth, start);
                default:
                    throw new MsgpackFormatException(start, $"unknown type byte 0x{code:x2}, expected a msgpack type byte");
            }
        }

        private ReadOnlySpan<byte> Take(int count, string what)
        {
            if (bytes.Length - Position < count)
            {
                throw new MsgpackFormatException(Position, $"input ends after {bytes.Length - Position} of the {count} byte(s) of {what}");
            }

            ReadOnlySpan<byte> span = bytes.Slice(Position, count);
            Position += count;
            return span;
        }

        private int ReadLength32(string what)
        {
            int at = Position;
            uint length = BinaryPrimitives.ReadUInt32BigEndian(Take(4, $"a {what} length"));
            return length > int.MaxValue
                ? throw new MsgpackFormatException(at, $"{what} length {length} is larger than this reader supports ({int.MaxValue})")
                : (int)length;
        }

        private string ReadString(int length)
        {
            int at = Position;
            ReadOnlySpan<byte> utf8 = Take(length, $"a {length}-byte string");
            try
            {
                return StrictUtf8.GetString(utf8);
            }
            catch (DecoderFallbackException)
            {
                throw new MsgpackFormatException(at, "str bytes are not valid UTF-8");
            }
        }

        private byte[] ReadBinary(int length) => Take(length, $"a {length}-byte bin").ToArray();

        private object?[] ReadArray(int count, int depth, int start)
        {
            CheckContainer(count, 1, depth, start, "array");
            var items = new object?[count];
            for (int index = 0; index < count; index++)
            {
                items[index] = ReadValue(depth + 1);
            }

            return items;
        }

        private object ReadMap(int count, int depth, int start)
        {
            CheckContainer(count, 2, depth, start, "map");
            var entries = new KeyValuePair<object, object?>[count];
            bool numpyConvention = false;
            for (int index = 0; index < count; index++)
            {
                int keyAt = Position;
                object? key = ReadValue(depth + 1);
                if (key is null or object?[] or MsgpackMap or NumpyArray or NumpyScalar)
                {
                    throw new MsgpackFormatException(keyAt, $"map key is {Describe(key)}, expected a str, bin, integer, float or bool key");
                }

                numpyConvention |= key is byte[] binary && (binary.AsSpan().SequenceEqual(NdarrayKey) || binary.AsSpan().SequenceEqual(NpgenericKey));
                entries[index] = new(key, ReadValue(depth + 1));
            }

            MsgpackMap map;
            try
            {
                map = new MsgpackMap(entries);
            }
            catch (ArgumentException exception)
            {
                throw new MsgpackFormatException(start, WithoutParameter(exception));
            }

            return numpyConvention ? ReadNumpy(map, start) : map;
        }

        private readonly void CheckContainer(int count, int minimumBytesPerElement, int depth, int start, string what)
        {
            if (depth + 1 > maxDepth)
            {
                throw new MsgpackFormatException(start, $"{what} nested {depth + 1} deep, deeper than the limit of {maxDepth}");
            }

            // Each element takes at least one byte: refuse impossible counts before allocating for them.
            if ((long)count * minimumBytesPerElement > bytes.Length - Position)
            {
                throw new MsgpackFormatException(Position, $"{what} of {count} element(s) cannot fit in the {bytes.Length - Position} byte(s) left");
            }
        }

        private static object ReadNumpy(MsgpackMap map, int start)
        {
            bool isArray = map.TryGetValue(NdarrayKey, out object? marker);
            if (!isArray)
            {
                map.TryGetValue(NpgenericKey, out marker);
            }

            string convention = isArray ? "numpy array map" : "numpy scalar map";
            int expectedKeys = isArray ? 4 : 3;
            bool onlyConventionKeys = map.Entries.All(entry => entry.Key is byte[] key
                && (key.AsSpan().SequenceEqual(isArray ? NdarrayKey : NpgenericKey) || key.AsSpan().SequenceEqual(DataKey)
                    || key.AsSpan().SequenceEqual(DtypeKey) || (isArray && key.AsSpan().SequenceEqual(ShapeKey))));
            if (map.Count != expectedKeys || !onlyConventionKeys)
            {
                string keys = isArray ? "b\"__ndarray__\", b\"data\", b\"dtype\", b\"shape\"" : "b\"__npgeneric__\", b\"data\", b\"dtype\"";
                throw new MsgpackFormatException(start, $"{convention} has the keys {map.DescribeKeys()}, expected exactly the bin keys {keys}");
            }

            if (marker is not true)
            {
                throw new MsgpackFormatException(start, $"{convention} marker is {Describe(marker)}, expected true");
            }

            map.TryGetValue(DtypeKey, out object? dtypeValue);
            if (dtypeValue is not string dtypeText)
            {
                throw new MsgpackFormatException(start, $"{convention} b\"dtype\" is {Describe(dtypeValue)}, expected a str such as \"<f4\"");
            }

            if (!NumpyDtype.TryParse(dtypeText, out NumpyDtype? dtype, out string problem))
            {
                throw new MsgpackFormatException(start, $"{convention}: {problem}");
            }

            map.TryGetValue(DataKey, out object? data);
            if (!isArray)
            {
                return data is bool or long or ulong or double or float
                    ? new NumpyScalar(dtype!, data)
                    : throw new MsgpackFormatException(start, $"{convention} b\"data\" is {Describe(data)}, expected a bool, integer or float");
            }

            if (data is not byte[] raw)
            {
                throw new MsgpackFormatException(start, $"{convention} b\"data\" is {Describe(data)}, expected bin");
            }

            map.TryGetValue(ShapeKey, out object? shapeValue);
            if (shapeValue is not object?[] dimensions || dimensions.Any(dimension => dimension is not long size || size < 0 || size > int.MaxValue))
            {
                throw new MsgpackFormatException(start, $"{convention} b\"shape\" is {Describe(shapeValue)}, expected an array of non-negative integers");
            }

            int[] shape = [.. dimensions.Select(dimension => (int)(long)dimension!)];
            try
            {
                return new NumpyArray(dtype!, shape, raw);
            }
            catch (ArgumentException exception)
            {
                throw new MsgpackFormatException(start, $"{convention}: {WithoutParameter(exception)}");
            }
        }

        private static string WithoutParameter(ArgumentException exception) =>
            exception.Message.Split(" (Parameter", 2)[0].TrimEnd('.');

        private static string Describe(object? value) => value switch
        {
            null => "nil",
            bool flag => flag ? "true" : "false",
            string text => $"the str \"{text}\"",
            byte[] binary => $"a {binary.Length}-byte bin",
            object?[] array => $"an array of {array.Length}",
            MsgpackMap => "a map",
            NumpyArray array => $"a numpy array {array}",
            _ => $"the {value.GetType().Name} {value}",
        };
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
