using RobotSdk.Policy.Onnx;
using RobotSdk.Testing;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>
/// An independent reader of the generated models: Debian's python3-onnx (run by
/// <c>/usr/bin/python3</c>) parses each one, runs the ONNX checker with shape inference, and prints
/// what it read, which must match what the builder was told.
/// </summary>
public sealed class OnnxCheckerPeerTests
{
    private const string Script = """
        import sys, onnx
        for path in sys.argv[1:]:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            def describe(value):
                tensor = value.type.tensor_type
                dims = ",".join(d.dim_param if d.HasField("dim_param") else str(d.dim_value) for d in tensor.shape.dim)
                return "%s:%d[%s]" % (value.name, tensor.elem_type, dims)
            graph = model.graph
            print("model %s ir=%d opset=%d producer=%s" % (graph.name, model.ir_version, model.opset_import[0].version, model.producer_name))
            print("inputs " + " ".join(describe(v) for v in graph.input))
            print("outputs " + " ".join(describe(v) for v in graph.output))
            print("nodes " + " ".join(n.op_type for n in graph.node))
            print("initializers " + " ".join("%s:%d%s" % (t.name, t.data_type, list(t.dims)) for t in graph.initializer))
        """;

    [Fact]
    public async Task PythonOnnx_ChecksAndReadsTheGeneratedModels_AsBuilt()
    {
        var models = new (string Name, byte[] Bytes)[]
        {
            ("affine", TestModels.Affine(TestModels.Weights(12, 1), TestModels.Weights(3, 2))),
            ("perceptron", TestModels.Perceptron(new MultiLayerPerceptron(inputs: 6, hidden: 4, outputs: 5, seed: 3))),
            ("image", TestModels.Image(4, 5, TestModels.Weights(4 * 5 * 3 * 2, seed: 4))),
            ("matmul_chain", TestModels.MatMulChain(8, 3)),
        };
        var folder = Directory.CreateTempSubdirectory("robotsdk-onnx-peer-").FullName;
        try
        {
            var paths = models.Select(model => Path.Combine(folder, model.Name + ".onnx")).ToArray();
            for (var index = 0; index < models.Length; index++)
            {
                await File.WriteAllBytesAsync(paths[index], models[index].Bytes);
            }

            var (exitCode, output) = await RunPythonAsync(paths);

            Assert.True(exitCode == 0, $"python3-onnx rejected a generated model ({exitCode}): {output}");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains("model affine ir=8 opset=17 producer=RobotSdk", lines);
            Assert.Contains("inputs x:1[1,4]", lines);
            Assert.Contains("nodes MatMul Add", lines);
            Assert.Contains("initializers w:1[4, 3] b:1[3]", lines);
            Assert.Contains("inputs state:1[batch,6]", lines);
            Assert.Contains("outputs action:1[batch,5]", lines);
            Assert.Contains("nodes MatMul Add Relu MatMul Add", lines);
            Assert.Contains("inputs image:2[1,4,5,3] step:7[1]", lines);
            Assert.Contains("outputs features:1[1,2] next_step:7[1]", lines);
            Assert.Contains("nodes Cast Mul Flatten MatMul Mul", lines);
            Assert.Contains("nodes MatMul MatMul MatMul", lines);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task PythonOnnx_RejectsAModelWithAnUnknownOperator_SoThePeerCanFail()
    {
        var model = new RobotSdk.Policy.Onnx.Authoring.OnnxModelBuilder("bad")
            .AddInput("x", TensorElementType.Float, 1)
            .AddNode("NoSuchOperator", ["x"], ["y"])
            .AddOutput("y", TensorElementType.Float, 1)
            .Build();
        var path = Path.Combine(Path.GetTempPath(), $"robotsdk-onnx-bad-{Guid.NewGuid():N}.onnx");
        await File.WriteAllBytesAsync(path, model);
        try
        {
            var (exitCode, output) = await RunPythonAsync([path]);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("NoSuchOperator", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(IEnumerable<string> paths)
    {
        (int exitCode, string output, string errors) = await DebianPython.RunScriptAsync(Script, paths, TimeSpan.FromSeconds(120));
        return (exitCode, output + errors);
    }
}
