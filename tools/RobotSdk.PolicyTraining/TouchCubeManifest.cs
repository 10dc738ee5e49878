using RobotSdk.Policy.Manifest;

namespace RobotSdk.PolicyTraining;

/// <summary>The manifest of the touch-cube policy and the statistics it carries.</summary>
internal static class TouchCubeManifest
{
    /// <summary>The manifest's file name in the model directory.</summary>
    public const string FileName = "touch-cube.policy.json";

    /// <summary>The model's file name in the model directory.</summary>
    public const string ModelFileName = "touch-cube.onnx";

    /// <summary>Z-score statistics of the states of <paramref name="dataset"/>.</summary>
    public static NormalizationStatistics StateStatistics(DemonstrationDataset dataset) =>
        ZScore(Enumerable.Range(0, dataset.Count).Select(i => (ReadOnlyMemory<float>)dataset.State(i).AsMemory()), TouchCubePolicyShape.StateLength);

    /// <summary>Z-score statistics per action dimension over every action of every chunk of <paramref name="dataset"/>.</summary>
    public static NormalizationStatistics ActionStatistics(DemonstrationDataset dataset) =>
        ZScore(
            Enumerable.Range(0, dataset.Count).SelectMany(i => Enumerable.Range(0, TouchCubePolicyShape.ChunkLength)
                .Select(k => (ReadOnlyMemory<float>)dataset.Chunk(i).AsMemory(k * TouchCubePolicyShape.ActionDimensions, TouchCubePolicyShape.ActionDimensions))),
            TouchCubePolicyShape.ActionDimensions);

    /// <summary>The manifest for a model at <paramref name="modelPath"/> with the given statistics.</summary>
    public static PolicyManifest Create(string modelPath, NormalizationStatistics state, NormalizationStatistics actions) => new(
        new OnnxPolicyModel(Path.GetFullPath(modelPath)),
        new PolicyInputs([TouchCubePolicyShape.Image], [new StateInput(TouchCubePolicyShape.StateInputName, TouchCubePolicyShape.StateNames, null)], null),
        new PolicyNormalization(state, actions),
        new ActionSpace(
            ActionSpaceKind.EndEffector,
            TouchCubePolicyShape.ActionOutputName,
            TouchCubePolicyShape.ActionDimensions,
            TouchCubePolicyShape.ActionDimensions,
            TouchCubePolicyShape.ChunkLength,
            TouchCubePolicyShape.ExecutionHorizon,
            TouchCubePolicyShape.ControlRateHertz,
            [],
            [],
            new EndEffectorActions([0, 1, 2], [], RotationRepresentation.None, EndEffectorFrame.Base, Delta: false)));

    private static NormalizationStatistics ZScore(IEnumerable<ReadOnlyMemory<float>> vectors, int dimensions)
    {
        var sum = new double[dimensions];
        var squares = new double[dimensions];
        long count = 0;
        foreach (ReadOnlyMemory<float> vector in vectors)
        {
            ReadOnlySpan<float> values = vector.Span;
            for (int d = 0; d < dimensions; d++)
            {
                sum[d] += values[d];
                squares[d] += (double)values[d] * values[d];
            }

            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("No samples to compute statistics from.", nameof(vectors));
        }

        double[] mean = [.. sum.Select(total => total / count)];
        double[] deviation = [.. squares.Select((total, d) => Math.Sqrt(Math.Max(total / count - (mean[d] * mean[d]), 0)))];
        return new NormalizationStatistics(NormalizationMethod.ZScore, mean, deviation, null, null);
    }
}
