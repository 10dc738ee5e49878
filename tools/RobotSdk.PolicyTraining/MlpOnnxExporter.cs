using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// Writes <see cref="MlpPolicyNetwork"/> as an ONNX graph with the manifest's tensors:
/// <c>image</c> [1, 3, 32, 32] and <c>state</c> [1, 3] (normalized) in, <c>actions</c> [1, H, 3]
/// (normalized) out; Reshape, Concat, MatMul, Add and Relu only.
/// </summary>
internal static class MlpOnnxExporter
{
    /// <summary>The model's bytes.</summary>
    public static byte[] Export(MlpPolicyNetwork network, string description)
    {
        ArgumentNullException.ThrowIfNull(network);
        int size = TouchCubePolicyShape.ImageSize;
        var builder = new OnnxModelBuilder("touch_cube_mlp") { Description = description };
        builder
            .AddInput(TouchCubePolicyShape.ImageInputName, TensorElementType.Float, 1, 3, size, size)
            .AddInput(TouchCubePolicyShape.StateInputName, TensorElementType.Float, 1, TouchCubePolicyShape.StateLength)
            .AddInitializer<long>("flat_image_shape", [1, TouchCubePolicyShape.ImageLength], 2)
            .AddInitializer<long>("chunk_shape", [1, TouchCubePolicyShape.ChunkLength, TouchCubePolicyShape.ActionDimensions], 3)
            .AddInitializer<float>("w1", network.Weights1, network.InputLength, network.HiddenLength)
            .AddInitializer<float>("b1", network.Bias1, network.HiddenLength)
            .AddInitializer<float>("w2", network.Weights2, network.HiddenLength, network.HiddenLength)
            .AddInitializer<float>("b2", network.Bias2, network.HiddenLength)
            .AddInitializer<float>("w3", network.Weights3, network.HiddenLength, network.OutputLength)
            .AddInitializer<float>("b3", network.Bias3, network.OutputLength)
            .AddNode("Reshape", [TouchCubePolicyShape.ImageInputName, "flat_image_shape"], ["flat_image"])
            .AddNode("Concat", ["flat_image", TouchCubePolicyShape.StateInputName], ["features"], OnnxNodeAttribute.Int("axis", 1))
            .AddNode("MatMul", ["features", "w1"], ["z1"])
            .AddNode("Add", ["z1", "b1"], ["y1"])
            .AddNode("Relu", ["y1"], ["h1"])
            .AddNode("MatMul", ["h1", "w2"], ["z2"])
            .AddNode("Add", ["z2", "b2"], ["y2"])
            .AddNode("Relu", ["y2"], ["h2"])
            .AddNode("MatMul", ["h2", "w3"], ["z3"])
            .AddNode("Add", ["z3", "b3"], ["flat_actions"])
            .AddNode("Reshape", ["flat_actions", "chunk_shape"], [TouchCubePolicyShape.ActionOutputName])
            .AddOutput(TouchCubePolicyShape.ActionOutputName, TensorElementType.Float, 1, TouchCubePolicyShape.ChunkLength, TouchCubePolicyShape.ActionDimensions);
        return builder.Build();
    }
}
