using RobotSdk.Policy.Onnx;

namespace RobotSdk.PolicyTraining.Tests;

/// <summary>The exported ONNX graph, run by ONNX Runtime, computes what the C# network computes.</summary>
public sealed class ExportTests
{
    [Fact]
    public void TheOnnxModel_EqualsTheForwardPass()
    {
        int inputLength = TouchCubePolicyShape.ImageLength + TouchCubePolicyShape.StateLength;
        var network = new MlpPolicyNetwork(inputLength, 24, TouchCubePolicyShape.ChunkNumbers, seed: 9);
        var random = new Random(4);
        foreach (float[] bias in new[] { network.Bias1, network.Bias2, network.Bias3 })
        {
            for (int i = 0; i < bias.Length; i++)
            {
                bias[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        using OnnxSession session = OnnxSession.Load(MlpOnnxExporter.Export(network, "test"));
        Assert.Equal([TouchCubePolicyShape.ImageInputName, TouchCubePolicyShape.StateInputName], session.Inputs.Select(input => input.Name));
        Assert.Equal([TouchCubePolicyShape.ActionOutputName], session.Outputs.Select(output => output.Name));
        using OnnxBinding binding = session.CreateBinding();
        var image = new float[TouchCubePolicyShape.ImageLength];
        var state = new float[TouchCubePolicyShape.StateLength];
        var output = new float[TouchCubePolicyShape.ChunkNumbers];
        binding.BindInput<float>(TouchCubePolicyShape.ImageInputName, image, [1, 3, TouchCubePolicyShape.ImageSize, TouchCubePolicyShape.ImageSize]);
        binding.BindInput<float>(TouchCubePolicyShape.StateInputName, state, [1, TouchCubePolicyShape.StateLength]);
        binding.BindOutput<float>(TouchCubePolicyShape.ActionOutputName, output, [1, TouchCubePolicyShape.ChunkLength, TouchCubePolicyShape.ActionDimensions]);
        var input = new float[inputLength];
        var expected = new float[TouchCubePolicyShape.ChunkNumbers];
        for (int trial = 0; trial < 5; trial++)
        {
            for (int i = 0; i < image.Length; i++)
            {
                image[i] = (float)random.NextDouble();
            }

            for (int i = 0; i < state.Length; i++)
            {
                state[i] = (float)((random.NextDouble() * 4) - 2);
            }

            image.CopyTo(input, 0);
            state.CopyTo(input, image.Length);
            network.Predict(input, expected);
            binding.Run();
            Assert.True(expected.Any(value => Math.Abs(value) > 0.1), "a degenerate output would prove nothing");
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], output[k], 1e-3f);
            }
        }
    }
}
