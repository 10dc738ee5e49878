using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>The models the benchmark writes, and the comparisons it runs on them.</summary>
internal static class BenchmarkCases
{
    /// <summary>The MLP's file name in the models folder.</summary>
    public const string MultiLayerPerceptronFileName = "mlp-4x512.onnx";

    /// <summary>Writes the tiny pi0 (graphs, tokenizer, manifest) and the 4x512 MLP into <paramref name="folder"/>; returns the file names written.</summary>
    public static string[] WriteModels(string folder, int seed)
    {
        Directory.CreateDirectory(folder);
        TinyPi0Model.WriteTo(folder, seed);
        File.WriteAllBytes(Path.Combine(folder, MultiLayerPerceptronFileName), MultiLayerPerceptronModel.Build(width: 512, layers: 4, seed));
        return
        [
            TinyPi0Model.ObservationGraphFileName, TinyPi0Model.StepGraphFileName, TinyPi0Model.TokenizerFileName,
            TinyPi0Model.ManifestFileName, MultiLayerPerceptronFileName,
        ];
    }

    /// <summary>The comparisons over the models in <paramref name="folder"/> (written by <see cref="WriteModels"/>).</summary>
    public static BenchmarkCase[] Create(string folder, string scriptsFolder, int threads, int runs, int warmup, int chunkRuns, int chunkWarmup)
    {
        var sizes = new TinyPi0Options();
        var step = new BenchmarkModel("tiny-pi0-step", Path.Combine(folder, TinyPi0Model.StepGraphFileName),
        [
            new(TinyPi0Model.NoisyActionsName, TensorElementType.Float, [1, sizes.ChunkLength, sizes.ActionDimensions]),
            new(TinyPi0Model.TimeName, TensorElementType.Float, [1]),
            new(TinyPi0Model.ContextName, TensorElementType.Float, [1, sizes.ContextLength, sizes.Width]),
            new(TinyPi0Model.ContextMaskName, TensorElementType.Float, [1, sizes.ContextLength], Ones: true),
        ]);
        var observation = new BenchmarkModel("tiny-pi0-observation", Path.Combine(folder, TinyPi0Model.ObservationGraphFileName),
        [
            new(TinyPi0Model.ImageName, TensorElementType.Float, [1, sizes.ImageSize, sizes.ImageSize, 3]),
            new(TinyPi0Model.TokensName, TensorElementType.Int64, [1, sizes.PromptTokens]),
            new(TinyPi0Model.TokenMaskName, TensorElementType.Bool, [1, sizes.PromptTokens]),
            new(TinyPi0Model.StateName, TensorElementType.Float, [1, sizes.StateDimensions]),
        ]);
        var mlp = new BenchmarkModel("mlp-4x512", Path.Combine(folder, MultiLayerPerceptronFileName), [new(MultiLayerPerceptronModel.InputName, TensorElementType.Float, [1, 512])]);
        long[] actionShape = [1, sizes.ChunkLength, sizes.ActionDimensions];
        var steps = Manifest.FlowMatchingPolicyModel.DefaultSteps;

        BenchmarkCase Single(BenchmarkModel model) => new(
            model.Name,
            $"one run of {Path.GetFileName(model.Path)}",
            [Path.Combine(scriptsFolder, "bare-ort.mjs"), "--model", model.Path, .. model.Inputs.SelectMany(input => new[] { "--input", input.NodeArgument })],
            [() => new BindingSubject(model, threads)],
            runs,
            warmup);

        return
        [
            Single(step),
            Single(observation),
            Single(mlp),
            new BenchmarkCase(
                "tiny-pi0-chunk",
                $"one chunk: the observation graph, then {steps} Euler steps of the step graph",
                [
                    Path.Combine(scriptsFolder, "bare-ort-chunk.mjs"), "--observation", observation.Path, "--step", step.Path,
                    .. observation.Inputs.SelectMany(input => new[] { "--input", input.NodeArgument }),
                    "--actions", string.Join(',', actionShape), "--context", TinyPi0Model.ContextName, "--context", TinyPi0Model.ContextMaskName,
                    "--steps", $"{steps}",
                ],
                [
                    () => new FlowMatchingChunkSubject(observation, step.Path, actionShape, steps, threads),
                    () => new PolicyBackendChunkSubject(Path.Combine(folder, TinyPi0Model.ManifestFileName), threads),
                ],
                chunkRuns,
                chunkWarmup),
        ];
    }
}
