using System.Globalization;
using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Tests.Msgpack;

/// <summary>
/// Our bytes against the bytes of Debian's python3-msgpack (the library openpi's server packs with)
/// for the same values, and numpy arrays against openpi's ndarray hook as the test server implements it.
/// </summary>
public sealed class PythonMsgpackCrossCheckTests
{
    // Each line: a name, then a Python expression; the script prints "name hex" for msgpack.packb(value).
    private const string Script = """
        import sys, msgpack, numpy as np
        sys.path.insert(0, "Remote")
        from openpi_test_server import pack_array
        values = [
            ("nil", None), ("true", True), ("false", False),
            ("int_0", 0), ("int_127", 127), ("int_128", 128), ("int_255", 255), ("int_256", 256),
            ("int_65535", 65535), ("int_65536", 65536), ("int_4294967295", 4294967295), ("int_4294967296", 4294967296),
            ("uint_max", 2**64 - 1), ("int_m1", -1), ("int_m32", -32), ("int_m33", -33), ("int_m128", -128),
            ("int_m129", -129), ("int_m32768", -32768), ("int_m32769", -32769), ("int_m2147483648", -2**31),
            ("int_m2147483649", -2**31 - 1), ("int_min", -2**63),
            ("double", 0.1), ("double_negative", -1234.5),
            ("str_0", ""), ("str_31", "a" * 31), ("str_32", "a" * 32), ("str_255", "a" * 255), ("str_256", "a" * 256),
            ("str_65536", "a" * 65536), ("str_utf8", "pick up the bowl \u00e9\u4e2d"),
            ("bin_0", b""), ("bin_255", bytes(range(255))), ("bin_256", bytes(i % 256 for i in range(256))),
            ("bin_65536", bytes(i % 256 for i in range(65536))),
            ("array_15", list(range(15))), ("array_16", list(range(16))), ("array_65536", [1] * 65536),
            ("map_15", {str(i): i for i in range(15)}), ("map_16", {str(i): i for i in range(16)}),
            ("map_65536", {str(i): None for i in range(65536)}),
            ("ndarray_f4", np.arange(6, dtype=np.float32).reshape(2, 3) / 4),
            ("ndarray_u1_hwc", (np.arange(2 * 4 * 3) % 256).astype(np.uint8).reshape(2, 4, 3)),
            ("ndarray_f8_empty", np.zeros((0, 7), dtype=np.float64)),
            ("observation", {"observation/state": np.array([0.5, -1.0], dtype=np.float32), "prompt": "fold"}),
        ]
        for name, value in values:
            print(name, msgpack.packb(value, default=pack_array).hex())
        print("single", msgpack.packb(1.5, use_single_float=True).hex())
        """;

    private static readonly Lazy<Task<Dictionary<string, string>>> PythonBytes = new(async () =>
        (await DebianPython.RunAsync(Script))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1].ToUpperInvariant()));

    public static TheoryData<string> Names => [.. Writers.Keys];

    private static Dictionary<string, Action<MsgpackWriter>> Writers { get; } = new()
    {
        ["nil"] = writer => writer.WriteNil(),
        ["true"] = writer => writer.WriteBoolean(true),
        ["false"] = writer => writer.WriteBoolean(false),
        ["int_0"] = writer => writer.WriteInteger(0),
        ["int_127"] = writer => writer.WriteInteger(127),
        ["int_128"] = writer => writer.WriteInteger(128),
        ["int_255"] = writer => writer.WriteInteger(255),
        ["int_256"] = writer => writer.WriteInteger(256),
        ["int_65535"] = writer => writer.WriteInteger(65535),
        ["int_65536"] = writer => writer.WriteInteger(65536),
        ["int_4294967295"] = writer => writer.WriteInteger(4294967295),
        ["int_4294967296"] = writer => writer.WriteInteger(4294967296),
        ["uint_max"] = writer => writer.WriteInteger(ulong.MaxValue),
        ["int_m1"] = writer => writer.WriteInteger(-1),
        ["int_m32"] = writer => writer.WriteInteger(-32),
        ["int_m33"] = writer => writer.WriteInteger(-33),
        ["int_m128"] = writer => writer.WriteInteger(-128),
        ["int_m129"] = writer => writer.WriteInteger(-129),
        ["int_m32768"] = writer => writer.WriteInteger(-32768),
        ["int_m32769"] = writer => writer.WriteInteger(-32769),
        ["int_m2147483648"] = writer => writer.WriteInteger(int.MinValue),
        ["int_m2147483649"] = writer => writer.WriteInteger(int.MinValue - 1L),
        ["int_min"] = writer => writer.WriteInteger(long.MinValue),
        ["double"] = writer => writer.WriteDouble(0.1),
        ["double_negative"] = writer => writer.WriteDouble(-1234.5),
        ["single"] = writer => writer.WriteSingle(1.5f),
        ["str_0"] = writer => writer.WriteString(string.Empty),
        ["str_31"] = writer => writer.WriteString(new string('a', 31)),
        ["str_32"] = writer => writer.WriteString(new string('a', 32)),
        ["str_255"] = writer => writer.WriteString(new string('a', 255)),
        ["str_256"] = writer => writer.WriteString(new string('a', 256)),
        ["str_65536"] = writer => writer.WriteString(new string('a', 65536)),
        ["str_utf8"] = writer => writer.WriteString("pick up the bowl \u00e9\u4e2d"),
        ["bin_0"] = writer => writer.WriteBinary([]),
        ["bin_255"] = writer => writer.WriteBinary(Bytes(255)),
        ["bin_256"] = writer => writer.WriteBinary(Bytes(256)),
        ["bin_65536"] = writer => writer.WriteBinary(Bytes(65536)),
        ["array_15"] = writer => WriteCountingArray(writer, 15),
        ["array_16"] = writer => WriteCountingArray(writer, 16),
        ["array_65536"] = writer =>
        {
            writer.WriteArrayHeader(65536);
            for (int index = 0; index < 65536; index++)
            {
                writer.WriteInteger(1);
            }
        },
        ["map_15"] = writer => WriteCountingMap(writer, 15, nilValues: false),
        ["map_16"] = writer => WriteCountingMap(writer, 16, nilValues: false),
        ["map_65536"] = writer => WriteCountingMap(writer, 65536, nilValues: true),
        ["ndarray_f4"] = writer => NumpyMsgpack.WriteFloat32Array(writer, [0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f], [2, 3]),
        ["ndarray_u1_hwc"] = writer => NumpyMsgpack.WriteUInt8Array(writer, Bytes(24), [2, 4, 3]),
        ["ndarray_f8_empty"] = writer => NumpyMsgpack.WriteArray(writer, NumpyDtype.Float64, [], [0, 7]),
        ["observation"] = writer =>
        {
            writer.WriteMapHeader(2);
            writer.WriteString("observation/state");
            NumpyMsgpack.WriteFloat32Array(writer, [0.5f, -1f], [2]);
            writer.WriteString("prompt");
            writer.WriteString("fold");
        },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task OurBytes_EqualPythonMsgpacks(string name)
    {
        Dictionary<string, string> python = await PythonBytes.Value;
        var writer = new MsgpackWriter(16);
        Writers[name](writer);
        Assert.Equal(python[name], Convert.ToHexString(writer.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task PythonMsgpacksBytes_ReadBackToWhatWeWrite(string name)
    {
        // Reading Python's bytes and writing the result again must give Python's bytes back.
        byte[] python = Convert.FromHexString((await PythonBytes.Value)[name]);
        object? value = MsgpackReader.Read(python);
        var writer = new MsgpackWriter(16);
        Rewrite(writer, value);
        Assert.Equal(Convert.ToHexString(python), Convert.ToHexString(writer.WrittenSpan));
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(index => (byte)(index % 256))];

    private static void WriteCountingArray(MsgpackWriter writer, int count)
    {
        writer.WriteArrayHeader(count);
        for (int index = 0; index < count; index++)
        {
            writer.WriteInteger(index);
        }
    }

    private static void WriteCountingMap(MsgpackWriter writer, int count, bool nilValues)
    {
        writer.WriteMapHeader(count);
        for (int index = 0; index < count; index++)
        {
            writer.WriteString(index.ToString(CultureInfo.InvariantCulture));
            if (nilValues)
            {
                writer.WriteNil();
            }
            else
            {
                writer.WriteInteger(index);
            }
        }
    }

    private static void Rewrite(MsgpackWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case bool flag: writer.WriteBoolean(flag); break;
            case long integer: writer.WriteInteger(integer); break;
            case ulong integer: writer.WriteInteger(integer); break;
            case float single: writer.WriteSingle(single); break;
            case double number: writer.WriteDouble(number); break;
            case string text: writer.WriteString(text); break;
            case byte[] binary: writer.WriteBinary(binary); break;
            case NumpyArray array: NumpyMsgpack.WriteArray(writer, array.Dtype, array.Data.Span, [.. array.Shape]); break;
            case object?[] items:
                writer.WriteArrayHeader(items.Length);
                foreach (object? item in items)
                {
                    Rewrite(writer, item);
                }

                break;
            case MsgpackMap map:
                writer.WriteMapHeader(map.Count);
                foreach (KeyValuePair<object, object?> entry in map.Entries)
                {
                    Rewrite(writer, entry.Key);
                    Rewrite(writer, entry.Value);
                }

                break;
            default: throw new InvalidOperationException($"Unexpected {value.GetType()}.");
        }
    }
}
