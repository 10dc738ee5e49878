using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Tests.Onnx;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>
/// Flow-matching graphs whose integral is known: the velocity is v = (x − target) + t · b, with
/// target = normalized joints [1, 4] · W reshaped to [1, H, D_model]. With b = 0 and pi0's Euler steps
/// (dt = −1/N from t = 1) each step shrinks x − target by (1 + dt), so after N steps
/// x = target + (1 + dt)^N (ε − target). The target is computed either inside the step graph or by an
/// observation graph whose output <c>target</c> is the step graph's context input.
/// </summary>
internal static class FlowMatchingTestModels
{
    public const int ChunkLength = 5;
    public const int ModelDimensions = 3;
    public const int Dimensions = 2;
    public const int Joints = 4;

    public static readonly float[] TargetWeights = TestModels.Weights(Joints * ChunkLength * ModelDimensions, seed: 51);

    public static readonly float[] TimeBias = TestModels.Weights(ChunkLength * ModelDimensions, seed: 53);

    public static readonly NormalizationStatistics StateStatistics = new(
        NormalizationMethod.ZScore, Mean: [0.2, -0.1, 0.0, 0.4], StandardDeviation: [0.5, 2.0, 1.0, 0.25], Quantile01: null, Quantile99: null);

    public static readonly NormalizationStatistics ActionStatistics = new(
        NormalizationMethod.ZScore, Mean: [1.5, -0.5], StandardDeviation: [0.1, 3.0], Quantile01: null, Quantile99: null);

    /// <summary>
    /// The step graph; <paramref name="takesContext"/> makes it read <c>target</c> instead of the joints,
    /// <paramref name="scalarTime"/> declares t as a scalar [] instead of [1], <paramref name="unbatchedActions"/>
    /// declares x_t and v as [H, D_model] instead of [1, H, D_model].
    /// </summary>
    public static byte[] StepGraph(bool timeBias, bool takesContext = false, bool scalarTime = false, bool unbatchedActions = false)
    {
        TensorDimension[] actionShape = unbatchedActions ? [ChunkLength, ModelDimensions] : [1, ChunkLength, ModelDimensions];
        TensorDimension[] timeShape = scalarTime ? [] : [1];
        var builder = new OnnxModelBuilder("flow_step") { Description = "RobotSdk backend test: velocity (x - target) + t * b" }
            .AddInput("x_t", TensorElementType.Float, actionShape)
            .AddInput("t", TensorElementType.Float, timeShape)
            .AddInitializer<float>("b", timeBias ? TimeBias : new float[TimeBias.Length], ChunkLength, ModelDimensions);
        if (takesContext)
        {
            builder.AddInput("target", TensorElementType.Float, 1, ChunkLength, ModelDimensions);
        }
        else
        {
            AddTarget(builder.AddInput("joints", TensorElementType.Float, 1, Joints), batched: !unbatchedActions);
        }

        return builder
            .AddNode("Sub", ["x_t", "target"], ["offset"])
            .AddNode("Mul", ["t", "b"], ["drift"])
            .AddNode("Add", ["offset", "drift"], ["v"])
            .AddOutput("v", TensorElementType.Float, actionShape)
            .Build();
    }

    /// <summary>The observation graph: joints [1, 4] to the context <paramref name="contextName"/> [1, H, D_model].</summary>
    public static byte[] ObservationGraph(string contextName = "target")
    {
        var builder = new OnnxModelBuilder("flow_observation") { Description = "RobotSdk backend test: target from the joints, once per chunk" }
            .AddInput("joints", TensorElementType.Float, 1, Joints);
        AddTarget(builder);
        if (contextName != "target")
        {
            builder.AddNode("Identity", ["target"], [contextName]);
        }

        return builder.AddOutput(contextName, TensorElementType.Float, 1, ChunkLength, ModelDimensions).Build();
    }

    public static PolicyManifest FlowManifest(string stepGraph, string? observationGraph, int? noiseSeed) =>
        new(
            new FlowMatchingPolicyModel(stepGraph, observationGraph, observationGraph is null ? [] : ["target"], "x_t", "t", "v", Steps: 10, NoiseSeed: noiseSeed),
            new PolicyInputs([], [new StateInput("joints", ["shoulder", "elbow", "wrist_pitch", "wrist_roll"], PadTo: null)], null),
            new PolicyNormalization(StateStatistics, ActionStatistics),
            SingleGraphPolicy.Actions(ActionSpaceKind.JointDelta, Dimensions, ModelDimensions, ChunkLength));

    /// <summary>target = normalized joints · W, in model units, [H × D_model].</summary>
    public static float[] Target(float[] joints)
    {
        var normalized = new float[Joints];
        for (int index = 0; index < Joints; index++)
        {
            normalized[index] = (float)((joints[index] - StateStatistics.Mean![index]) / (StateStatistics.StandardDeviation![index] + 1e-6));
        }

        return ReferenceMath.MatMul(normalized, TargetWeights, 1, Joints, ChunkLength * ModelDimensions);
    }

    /// <summary>The used columns of model-unit rows, restored with the action statistics.</summary>
    public static float[] Denormalize(float[] model)
    {
        var chunk = new float[ChunkLength * Dimensions];
        for (int row = 0; row < ChunkLength; row++)
        {
            for (int column = 0; column < Dimensions; column++)
            {
                double value = model[(row * ModelDimensions) + column];
                chunk[(row * Dimensions) + column] = (float)((value * (ActionStatistics.StandardDeviation![column] + 1e-6)) + ActionStatistics.Mean![column]);
            }
        }

        return chunk;
    }

    /// <summary>The action-unit value normalized with the action statistics.</summary>
    public static float Normalize(float value, int column) =>
        (float)((value - ActionStatistics.Mean![column]) / (ActionStatistics.StandardDeviation![column] + 1e-6));

    private static void AddTarget(OnnxModelBuilder builder, bool batched = true) =>
        builder
            .AddInitializer<float>("w", TargetWeights, Joints, ChunkLength * ModelDimensions)
            .AddInitializer<long>("chunk_shape", batched ? [1L, ChunkLength, ModelDimensions] : [ChunkLength, ModelDimensions], batched ? 3 : 2)
            .AddNode("MatMul", ["joints", "w"], ["flat_target"])
            .AddNode("Reshape", ["flat_target", "chunk_shape"], ["target"]);
}
