using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// The benchmark's plain MLP: x [1, width] through <c>layers</c> MatMul + Add layers of width × width
/// with Relu between them (REFERENCE.md section 8's "4-layer 512-wide MLP"), seeded uniform weights
/// scaled by 1/√width so values stay of order one.
/// </summary>
internal static class MultiLayerPerceptronModel
{
    public const string InputName = "x";

    public const string OutputName = "y";

    public static byte[] Build(int width, int layers, int seed)
    {
        var random = new Random(seed);
        float[] Uniform(int count, double scale) => [.. Enumerable.Range(0, count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale))];
        var builder = new OnnxModelBuilder($"mlp_{layers}x{width}") { Description = $"RobotSdk overhead benchmark: {layers} x {width} MLP with Relu, seed {seed}" }
            .AddInput(InputName, TensorElementType.Float, 1, width);
        var previous = InputName;
        for (var layer = 0; layer < layers; layer++)
        {
            builder.AddInitializer<float>($"w{layer}", Uniform(width * width, Math.Sqrt(3.0 / width)), width, width)
                .AddInitializer<float>($"b{layer}", Uniform(width, 0.1), width)
                .AddNode("MatMul", [previous, $"w{layer}"], [$"h{layer}"]);
            var last = layer == layers - 1;
            builder.AddNode("Add", [$"h{layer}", $"b{layer}"], [last ? OutputName : $"a{layer}"]);
            if (!last)
            {
                builder.AddNode("Relu", [$"a{layer}"], [$"r{layer}"]);
                previous = $"r{layer}";
            }
        }

        return builder.AddOutput(OutputName, TensorElementType.Float, 1, width).Build();
    }
}
