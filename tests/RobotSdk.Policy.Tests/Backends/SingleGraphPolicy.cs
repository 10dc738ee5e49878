using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Onnx;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>
/// A small single-graph policy with every kind of input the ONNX backend binds, and the C# reference
/// of what it computes. Features (one row of 19): the mean of the uint8 scene image [1, 6, 8, 3]
/// (HWC, batch), the mean of the float wrist image [3, 4, 4] (CHW, no batch), the normalized joints
/// padded to 6 [1, 6], the normalized gripper [1], the token ids [1, 5] and the mask [1, 5]; the chunk
/// is features · W reshaped to [1, H = 4, D_model = 3], of which the manifest uses 2 columns.
/// </summary>
internal static class SingleGraphPolicy
{
    public const int ChunkLength = 4;
    public const int ModelDimensions = 3;
    public const int Dimensions = 2;
    public const int MaxTokens = 5;
    public const int Features = 19;

    public static readonly float[] Weights = TestModels.Weights(Features * ChunkLength * ModelDimensions, seed: 41);

    public static readonly NormalizationStatistics StateStatistics = new(
        NormalizationMethod.ZScore, Mean: [0.1, -0.2, 0.3, 0.0, 0.5, 9.0], StandardDeviation: [0.5, 0.25, 2.0, 1.0, 0.2, 9.0], Quantile01: null, Quantile99: null);

    public static readonly NormalizationStatistics ActionStatistics = new(
        NormalizationMethod.Quantile, Mean: null, StandardDeviation: null, Quantile01: [-2.0, 0.5], Quantile99: [1.0, 4.5]);

    /// <summary>The graph as the manifest describes it; <paramref name="jointsWidth"/>, <paramref name="sceneType"/> and <paramref name="withTokens"/> break it for the mismatch tests.</summary>
    public static byte[] Model(int jointsWidth = 6, TensorElementType sceneType = TensorElementType.UInt8, bool withTokens = true, TensorElementType tokenType = TensorElementType.Int32)
    {
        // A broken variant gets weights of its own feature count, so it is still a valid model.
        int features = 3 + jointsWidth + (withTokens ? 2 * MaxTokens : 0);
        float[] weights = features == Features ? Weights : TestModels.Weights(features * ChunkLength * ModelDimensions, seed: 43);
        var builder = new OnnxModelBuilder("single_graph_policy") { Description = "RobotSdk backend test policy: every input kind, linear head" }
            .AddInput("scene", sceneType, 1, 6, 8, 3)
            .AddInput("wrist", TensorElementType.Float, 3, 4, 4)
            .AddInput("joints", TensorElementType.Float, 1, jointsWidth)
            .AddInput("gripper", TensorElementType.Float, 1)
            .AddInitializer<float>("w", weights, features, ChunkLength * ModelDimensions)
            .AddInitializer<long>("wrist_shape", [1L, 48L], 2)
            .AddInitializer<long>("one_by_one", [1L, 1L], 2)
            .AddInitializer<long>("chunk_shape", [1L, ChunkLength, ModelDimensions], 3)
            .AddNode("Cast", ["scene"], ["scene_float"], OnnxNodeAttribute.Int("to", (long)TensorElementType.Float))
            .AddNode("Flatten", ["scene_float"], ["scene_flat"], OnnxNodeAttribute.Int("axis", 1))
            .AddNode("ReduceMean", ["scene_flat"], ["scene_mean"], OnnxNodeAttribute.Ints("axes", 1), OnnxNodeAttribute.Int("keepdims", 1))
            .AddNode("Reshape", ["wrist", "wrist_shape"], ["wrist_flat"])
            .AddNode("ReduceMean", ["wrist_flat"], ["wrist_mean"], OnnxNodeAttribute.Ints("axes", 1), OnnxNodeAttribute.Int("keepdims", 1))
            .AddNode("Reshape", ["gripper", "one_by_one"], ["gripper_row"]);
        string[] parts = ["scene_mean", "wrist_mean", "joints", "gripper_row"];
        if (withTokens)
        {
            builder
                .AddInput("tokens", tokenType, 1, MaxTokens)
                .AddInput("token_mask", TensorElementType.Bool, 1, MaxTokens)
                .AddNode("Cast", ["tokens"], ["tokens_float"], OnnxNodeAttribute.Int("to", (long)TensorElementType.Float))
                .AddNode("Cast", ["token_mask"], ["mask_float"], OnnxNodeAttribute.Int("to", (long)TensorElementType.Float));
            parts = [.. parts, "tokens_float", "mask_float"];
        }

        return builder
            .AddNode("Concat", parts, ["features"], OnnxNodeAttribute.Int("axis", 1))
            .AddNode("MatMul", ["features", "w"], ["flat_actions"])
            .AddNode("Reshape", ["flat_actions", "chunk_shape"], ["actions"])
            .AddOutput("actions", TensorElementType.Float, 1, ChunkLength, ModelDimensions)
            .Build();
    }

    public static PolicyManifest Manifest(string modelPath, string tokenizerPath) =>
        new(
            new OnnxPolicyModel(modelPath),
            new PolicyInputs(
                [
                    new ImageInput("scene", "scene", null, 8, 6, ImageResize.WithPadding, ImageLayout.HeightWidthChannels, TensorElementType.UInt8, null),
                    new ImageInput("wrist", "wrist", null, 4, 4, ImageResize.WithPadding, ImageLayout.ChannelsHeightWidth, TensorElementType.Float, new ImageValueRange(-1, 1)),
                ],
                [
                    new StateInput("joints", ["shoulder", "elbow", "wrist_pitch", "wrist_roll"], PadTo: 6),
                    new StateInput("gripper", ["gripper"], PadTo: null),
                ],
                new PromptInput("tokens", tokenizerPath, MaxTokens, "token_mask", "pick up the cube")),
            new PolicyNormalization(StateStatistics, ActionStatistics),
            Actions(ActionSpaceKind.JointAbsolute, Dimensions, ModelDimensions, ChunkLength));

    public static ActionSpace Actions(ActionSpaceKind kind, int dimensions, int modelDimensions, int chunkLength) =>
        new(kind, "actions", dimensions, modelDimensions, chunkLength, chunkLength, 10.0,
            [.. Enumerable.Range(0, dimensions).Select(index => new ActionJoint(index, $"joint_{index}"))], [], null);

    /// <summary>An observation with seeded pixels and state.</summary>
    public static PolicyObservation Observation(PolicyInputs inputs, int seed)
    {
        var observation = new PolicyObservation(inputs);
        var random = new Random(seed);
        random.NextBytes(observation.Images[0].Bytes!);
        float[] wrist = observation.Images[1].Floats!;
        for (int index = 0; index < wrist.Length; index++)
        {
            wrist[index] = (float)((random.NextDouble() * 2) - 1);
        }

        for (int vector = 0; vector < observation.State.Count; vector++)
        {
            for (int index = 0; index < observation.State[vector].Length; index++)
            {
                observation.State[vector][index] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        return observation;
    }

    /// <summary>What the backend must return for <paramref name="observation"/> whose prompt tokenizes (pi0 style) to <paramref name="tokenIds"/>.</summary>
    public static float[] Expected(PolicyObservation observation, IReadOnlyList<int> tokenIds)
    {
        var features = new float[Features];
        features[0] = (float)observation.Images[0].Bytes!.Average(value => (double)value);
        features[1] = (float)observation.Images[1].Floats!.Average(value => (double)value);
        float[] state = [.. observation.State[0], .. observation.State[1]];
        for (int index = 0; index < state.Length; index++)
        {
            double normalized = (state[index] - StateStatistics.Mean![index]) / (StateStatistics.StandardDeviation![index] + 1e-6);
            features[index < 4 ? 2 + index : 8] = (float)normalized;
        }

        // Joints 4 and 5 are padding (zeros); the gripper sits at 8.
        for (int index = 0; index < MaxTokens; index++)
        {
            features[9 + index] = index < tokenIds.Count ? tokenIds[index] : 0;
            features[9 + MaxTokens + index] = index < tokenIds.Count ? 1 : 0;
        }

        float[] model = ReferenceMath.MatMul(features, Weights, 1, Features, ChunkLength * ModelDimensions);
        var chunk = new float[ChunkLength * Dimensions];
        for (int row = 0; row < ChunkLength; row++)
        {
            for (int column = 0; column < Dimensions; column++)
            {
                double low = ActionStatistics.Quantile01![column];
                double high = ActionStatistics.Quantile99![column];
                chunk[(row * Dimensions) + column] = (float)(((model[(row * ModelDimensions) + column] + 1.0) / 2.0 * (high - low + 1e-6)) + low);
            }
        }

        return chunk;
    }
}
