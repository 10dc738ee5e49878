using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>Models generated in code run in the real ONNX Runtime and agree with C# reference loops.</summary>
public sealed class OnnxSessionResultTests
{
    [Fact]
    public void Run_MatMulPlusAdd_EqualsReferenceComputation()
    {
        var weights = TestModels.Weights(12, seed: 1);
        var bias = TestModels.Weights(3, seed: 2);
        using var session = OnnxSession.Load(TestModels.Affine(weights, bias), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var x = new float[] { 0.5f, -1.25f, 2f, 0.75f };
        var y = new float[3];
        binding.BindInput<float>("x", x, [1, 4]);
        binding.BindOutput<float>("y", y, [1, 3]);

        binding.Run();

        ReferenceMath.AssertClose(ReferenceMath.AddRow(ReferenceMath.MatMul(x, weights, 1, 4, 3), bias), y, 1e-5f, "y");
    }

    [Fact]
    public void Run_SeesNewInputValues_WrittenIntoTheBoundBuffer()
    {
        var weights = TestModels.Weights(12, seed: 3);
        var bias = TestModels.Weights(3, seed: 4);
        using var session = OnnxSession.Load(TestModels.Affine(weights, bias), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var x = new float[4];
        var y = new float[3];
        binding.BindInput<float>("x", x, [1, 4]);
        binding.BindOutput<float>("y", y, [1, 3]);

        for (var step = 0; step < 5; step++)
        {
            for (var index = 0; index < x.Length; index++)
            {
                x[index] = (step * 0.3f) - index;
            }

            binding.Run();

            ReferenceMath.AssertClose(ReferenceMath.AddRow(ReferenceMath.MatMul(x, weights, 1, 4, 3), bias), y, 1e-5f, $"y at step {step}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Run_PerceptronWithSymbolicBatch_EqualsReferenceForEachBatchSize(int batch)
    {
        var perceptron = new MultiLayerPerceptron(inputs: 6, hidden: 32, outputs: 5, seed: 10);
        using var session = OnnxSession.Load(TestModels.Perceptron(perceptron), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var state = TestModels.Weights(batch * 6, seed: 20 + batch);
        var action = new float[batch * 5];
        binding.BindInput<float>("state", state, [batch, 6]);
        binding.BindOutput<float>("action", action, [batch, 5]);

        binding.Run();

        ReferenceMath.AssertClose(perceptron.Forward(state, batch), action, 1e-4f, "action");
    }

    [Fact]
    public void Run_Uint8ImageAndInt64Step_EqualReferenceComputation()
    {
        const int height = 6;
        const int width = 8;
        var projection = TestModels.Weights(height * width * 3 * 2, seed: 30);
        using var session = OnnxSession.Load(TestModels.Image(height, width, projection), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var image = new byte[height * width * 3];
        new Random(31).NextBytes(image);
        var step = new long[] { 21 };
        var features = new float[2];
        var nextStep = new long[1];
        binding.BindInput<byte>("image", image, [1, height, width, 3]);
        binding.BindInput<long>("step", step, [1]);
        binding.BindOutput<float>("features", features, [1, 2]);
        binding.BindOutput<long>("next_step", nextStep, [1]);

        binding.Run();

        var unit = image.Select(pixel => pixel * (1f / 255f)).ToArray();
        ReferenceMath.AssertClose(ReferenceMath.MatMul(unit, projection, 1, image.Length, 2), features, 1e-4f, "features");
        Assert.Equal(42L, nextStep[0]);
    }

    [Fact]
    public void Run_WritesIntoTheCallersOutputBuffer_WithoutCopyingItElsewhere()
    {
        var weights = TestModels.Weights(12, seed: 5);
        var bias = TestModels.Weights(3, seed: 6);
        using var session = OnnxSession.Load(TestModels.Affine(weights, bias), TestModels.SingleThreaded());
        using var binding = session.CreateBinding();
        var x = new float[] { 1, 2, 3, 4 };
        var storage = new float[8];
        Array.Fill(storage, float.NaN);
        binding.BindInput<float>("x", x, [1, 4]);
        binding.BindOutput("y", storage.AsMemory(2, 3), [1, 3]);

        binding.Run();

        ReferenceMath.AssertClose(ReferenceMath.AddRow(ReferenceMath.MatMul(x, weights, 1, 4, 3), bias), storage.AsSpan(2, 3), 1e-5f, "y");
        Assert.True(float.IsNaN(storage[1]) && float.IsNaN(storage[5]), "the run wrote outside the bound slice");
    }

    [Fact]
    public void Load_FromFile_RunsLikeFromBytes()
    {
        var perceptron = new MultiLayerPerceptron(inputs: 3, hidden: 8, outputs: 2, seed: 40);
        var path = Path.Combine(Path.GetTempPath(), $"robotsdk-perceptron-{Environment.ProcessId}-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.Perceptron(perceptron));
        try
        {
            using var session = OnnxSession.Load(path, TestModels.SingleThreaded());
            using var binding = session.CreateBinding();
            var state = new float[] { 0.1f, -0.2f, 0.3f };
            var action = new float[2];
            binding.BindInput<float>("state", state, [1, 3]);
            binding.BindOutput<float>("action", action, [1, 2]);

            binding.Run();

            ReferenceMath.AssertClose(perceptron.Forward(state, 1), action, 1e-5f, "action");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TwoBindings_OfOneSession_RunConcurrently_WithTheirOwnResults()
    {
        var perceptron = new MultiLayerPerceptron(inputs: 4, hidden: 16, outputs: 3, seed: 50);
        using var session = OnnxSession.Load(TestModels.Perceptron(perceptron), TestModels.SingleThreaded());
        var results = Enumerable.Range(0, 2).AsParallel().Select(worker =>
        {
            using var binding = session.CreateBinding();
            var state = TestModels.Weights(4, seed: 60 + worker);
            var action = new float[3];
            binding.BindInput<float>("state", state, [1, 4]);
            binding.BindOutput<float>("action", action, [1, 3]);
            for (var run = 0; run < 200; run++)
            {
                binding.Run();
            }

            return (Expected: perceptron.Forward(state, 1), Actual: action);
        }).ToArray();

        foreach (var (expected, actual) in results)
        {
            ReferenceMath.AssertClose(expected, actual, 1e-5f, "action");
        }
    }
}
