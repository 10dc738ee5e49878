using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Authoring;
using RobotSdk.Policy.Tests.Onnx;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>
/// The flow-matching backend on the repository's tiny pi0 (observation graph with a context and a
/// context mask, step graph, SentencePiece prompt), loaded from the manifest <see cref="TinyPi0Model.WriteTo"/>
/// writes: it must fit the graphs and compute what the tiny pi0 harness computes step by step.
/// </summary>
public sealed class TinyPi0BackendTests : IDisposable
{
    private readonly BackendWorkspace workspace = new();

    [Fact]
    public async Task Infer_OnTheTinyPi0_MatchesTheHarnessDrivenEulerLoop_AndKeepsAPrefixOfWeightOne()
    {
        PolicyManifest manifest = PolicyManifestFile.Load(TinyPi0Model.WriteTo(workspace.Directory));
        await using IPolicyBackend backend = PolicyBackends.Create(manifest, OnnxPolicyBackendTests.Options());
        await backend.StartAsync(CancellationToken.None);
        ActionSpace space = manifest.Actions;
        var observation = new PolicyObservation(manifest.Inputs);
        float[] image = observation.Images[0].Floats!;
        for (int index = 0; index < image.Length; index++)
        {
            image[index] = (float)Math.Sin(index * 0.013);
        }

        float[] state = [0.1f, -0.4f, 0.6f, 0.2f, -0.1f, 0.8f];
        state.CopyTo(observation.State[0], 0);
        var chunk = new float[space.ChunkLength * space.Dimensions];

        await backend.InferAsync(observation, null, chunk, CancellationToken.None);

        float[] expected = HarnessChunk(manifest, image, state);
        ReferenceMath.AssertClose(expected, chunk, 1e-4f, "tiny pi0 chunk");
        Assert.All(chunk, value => Assert.True(float.IsFinite(value)));

        var prefix = new ChunkPrefix(space.ChunkLength, space.Dimensions);
        prefix.Weights.AsSpan(0, 3).Fill(1f);
        for (int index = 0; index < prefix.Actions.Length; index++)
        {
            prefix.Actions[index] = 0.01f * (index % 7);
        }

        await backend.InferAsync(observation, prefix, chunk, CancellationToken.None);
        ReferenceMath.AssertClose(prefix.Actions[..(3 * space.Dimensions)], chunk.AsSpan(0, 3 * space.Dimensions), 1e-4f, "the inpainted rows");
    }

    public void Dispose() => workspace.Dispose();

    /// <summary>The chunk the harness computes with the backend's conventions: pi0 tokens, normalized padded state, the backend's seeded noise.</summary>
    private static float[] HarnessChunk(PolicyManifest manifest, float[] image, float[] state)
    {
        var model = (FlowMatchingPolicyModel)manifest.Model;
        NormalizationStatistics stateStatistics = manifest.Normalization!.State!;
        NormalizationStatistics actionStatistics = manifest.Normalization.Actions!;
        using TinyPi0Harness harness = TinyPi0Harness.Generate(TinyPi0Model.DefaultSeed);
        image.CopyTo(harness.Image, 0);
        Array.Clear(harness.State);
        for (int index = 0; index < state.Length; index++)
        {
            harness.State[index] = (float)((state[index] - stateStatistics.Mean![index]) / (stateStatistics.StandardDeviation![index] + 1e-6));
        }

        int[] tokens = OnnxPolicyBackendTests.Pi0Tokens(SentencePieceTokenizer.FromBytes(TinyPi0Model.BuildTokenizer()), TinyPi0Model.DefaultPrompt);
        for (int index = 0; index < harness.Tokens.Length; index++)
        {
            harness.Tokens[index] = index < tokens.Length ? tokens[index] : 0;
            harness.TokenMask[index] = index < tokens.Length;
        }

        harness.RunObservation();
        new GaussianNoise((ulong)model.NoiseSeed!.Value).Fill(harness.NoisyActions);
        float dt = -1f / model.Steps;
        float t = 1f;
        for (int step = 0; step < model.Steps; step++)
        {
            float[] velocity = harness.VelocityAt(t);
            for (int index = 0; index < velocity.Length; index++)
            {
                harness.NoisyActions[index] += dt * velocity[index];
            }

            t += dt;
        }

        ActionSpace space = manifest.Actions;
        var chunk = new float[space.ChunkLength * space.Dimensions];
        for (int row = 0; row < space.ChunkLength; row++)
        {
            for (int column = 0; column < space.Dimensions; column++)
            {
                double value = harness.NoisyActions[(row * space.ModelDimensions) + column];
                chunk[(row * space.Dimensions) + column] = (float)((value * (actionStatistics.StandardDeviation![column] + 1e-6)) + actionStatistics.Mean![column]);
            }
        }

        return chunk;
    }
}
