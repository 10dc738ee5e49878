using System.Globalization;
using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// One input tensor: name, element type, shape and fill, written as bare-ort.mjs's
/// <c>name:type:dims[:fill]</c>. Both sides fill element i with the same values: "wave"
/// gives 0.5 sin(0.37 i + 0.1) for floats, i mod 7 for int64, true for bool; "ones" gives 1.
/// </summary>
internal sealed record BenchmarkInput(string Name, TensorElementType ElementType, long[] Shape, bool Ones = false)
{
    /// <summary>The argument bare-ort.mjs takes.</summary>
    public string NodeArgument =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}:{NodeType}:{string.Join(',', Shape)}:{(Ones ? "ones" : "wave")}");

    private string NodeType => ElementType switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Int64 => "int64",
        TensorElementType.Bool => "bool",
        _ => throw new NotSupportedException($"Input '{Name}' is {ElementType}; the benchmark feeds float, int64 and bool only."),
    };

    /// <summary>A pinned buffer holding the fill, bound to <paramref name="binding"/> as this input.</summary>
    public void Bind(IInferenceBinding binding)
    {
        var count = checked((int)Shape.Aggregate(1L, (product, size) => product * size));
        switch (ElementType)
        {
            case TensorElementType.Float:
                var floats = GC.AllocateArray<float>(count, pinned: true);
                for (var index = 0; index < count; index++)
                {
                    floats[index] = Ones ? 1f : (float)(0.5 * Math.Sin((0.37 * index) + 0.1));
                }

                binding.BindInput<float>(Name, floats, Shape);
                break;
            case TensorElementType.Int64:
                var integers = GC.AllocateArray<long>(count, pinned: true);
                for (var index = 0; index < count; index++)
                {
                    integers[index] = Ones ? 1 : index % 7;
                }

                binding.BindInput<long>(Name, integers, Shape);
                break;
            case TensorElementType.Bool:
                var flags = GC.AllocateArray<bool>(count, pinned: true);
                Array.Fill(flags, true);
                binding.BindInput<bool>(Name, flags, Shape);
                break;
            default:
                _ = NodeArgument;
                break;
        }
    }
}
