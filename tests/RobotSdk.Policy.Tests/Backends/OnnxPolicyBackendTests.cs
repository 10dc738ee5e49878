using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Onnx;
using RobotSdk.Policy.Tests.Tokenization;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>The single-graph ONNX backend on a generated model that reads every kind of input, through the real ONNX Runtime.</summary>
public sealed class OnnxPolicyBackendTests : IDisposable
{
    private readonly BackendWorkspace workspace = new();

    [Fact]
    public async Task Infer_FeedsImagesNormalizedPaddedStateAndTokens_AndReturnsTheDenormalizedUsedColumns()
    {
        (PolicyManifest manifest, SentencePieceTokenizer tokenizer) = await ManifestAsync(SingleGraphPolicy.Model());
        await using var backend = new OnnxPolicyBackend(manifest, Options());
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = SingleGraphPolicy.Observation(manifest.Inputs, seed: 3);
        var chunk = new float[SingleGraphPolicy.ChunkLength * SingleGraphPolicy.Dimensions];

        await backend.InferAsync(observation, prefix: null, chunk, CancellationToken.None);

        // The default prompt "pick up the cube" is longer than 5 tokens: truncated, all mask bits set.
        int[] tokens = Pi0Tokens(tokenizer, "pick up the cube");
        Assert.True(tokens.Length > SingleGraphPolicy.MaxTokens, $"the test wants a prompt longer than {SingleGraphPolicy.MaxTokens} tokens, got {tokens.Length}");
        AssertClose(SingleGraphPolicy.Expected(observation, tokens), chunk);
        Assert.False(backend.InpaintsPrefix);
        Assert.Equal("onnx single.onnx (CPU)", backend.Description);
    }

    [Fact]
    public async Task Infer_RetokenizesWhenThePromptChanges_AndPadsAShortPromptWithMaskedZeros()
    {
        (PolicyManifest manifest, SentencePieceTokenizer tokenizer) = await ManifestAsync(SingleGraphPolicy.Model(tokenType: TensorElementType.Int64));
        await using var backend = new OnnxPolicyBackend(manifest, Options());
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = SingleGraphPolicy.Observation(manifest.Inputs, seed: 5);
        var chunk = new float[SingleGraphPolicy.ChunkLength * SingleGraphPolicy.Dimensions];

        await backend.InferAsync(observation, null, chunk, CancellationToken.None);
        float[] withDefault = [.. chunk];
        observation.Prompt = "go";
        await backend.InferAsync(observation, null, chunk, CancellationToken.None);

        int[] shortTokens = Pi0Tokens(tokenizer, "go");
        Assert.True(shortTokens.Length < SingleGraphPolicy.MaxTokens, $"'go' should take fewer than {SingleGraphPolicy.MaxTokens} tokens, got {shortTokens.Length}");
        AssertClose(SingleGraphPolicy.Expected(observation, shortTokens), chunk);
        Assert.NotEqual(withDefault, chunk);
    }

    [Fact]
    public async Task Infer_InSteadyState_AllocatesZeroManagedBytes()
    {
        (PolicyManifest manifest, SentencePieceTokenizer tokenizer) = await ManifestAsync(SingleGraphPolicy.Model());
        await using var backend = new OnnxPolicyBackend(manifest, Options());
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = SingleGraphPolicy.Observation(manifest.Inputs, seed: 7);
        var chunk = new float[SingleGraphPolicy.ChunkLength * SingleGraphPolicy.Dimensions];
        using var cancellation = new CancellationTokenSource();
        for (int warmUp = 0; warmUp < 50; warmUp++)
        {
            await backend.InferAsync(observation, null, chunk, cancellation.Token);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int run = 0; run < 500; run++)
        {
            observation.State[0][run % 4] = run * 0.001f;
            Task inference = backend.InferAsync(observation, null, chunk, cancellation.Token);
            if (!inference.IsCompletedSuccessfully)
            {
                await inference;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        AssertClose(SingleGraphPolicy.Expected(observation, Pi0Tokens(tokenizer, "pick up the cube")), chunk);
    }

    [Fact]
    public async Task Start_WithAModelOfOtherShapes_ThrowsNamingEachTensorWithExpectedAndDeclared()
    {
        (PolicyManifest manifest, _) = await ManifestAsync(SingleGraphPolicy.Model(jointsWidth: 7, sceneType: TensorElementType.Float, withTokens: false));
        await using var backend = new OnnxPolicyBackend(manifest, Options());

        var error = await Assert.ThrowsAsync<PolicyModelMismatchException>(() => backend.StartAsync(CancellationToken.None));

        Assert.Contains("input 'scene' (manifest inputs.images[0], camera 'scene'): expected UInt8 [6, 8, 3] or [1, 6, 8, 3]; the model declares Float [1, 6, 8, 3].", error.Message);
        Assert.Contains("input 'joints' (manifest inputs.state[0]): expected Float [6] or [1, 6]; the model declares Float [1, 7].", error.Message);
        Assert.Contains("input 'tokens' (manifest inputs.prompt.name, the token ids) is not an input of the model", error.Message);
        Assert.Contains("input 'token_mask' (manifest inputs.prompt.mask) is not an input of the model", error.Message);
        Assert.Equal(4, error.Problems.Count);
        Assert.Equal(manifest.Model is OnnxPolicyModel model ? model.Path : null, error.Model);
    }

    [Fact]
    public async Task Start_WithAModelInputTheManifestLacks_ThrowsNamingIt()
    {
        (PolicyManifest full, _) = await ManifestAsync(SingleGraphPolicy.Model());
        PolicyManifest withoutPrompt = full with { Inputs = full.Inputs with { Prompt = null } };
        await using var backend = new OnnxPolicyBackend(withoutPrompt, Options());

        var error = await Assert.ThrowsAsync<PolicyModelMismatchException>(() => backend.StartAsync(CancellationToken.None));

        Assert.Contains("the model needs input tokens: Int32[1, 5], which the manifest's inputs does not provide.", error.Message);
        Assert.Contains("the model needs input token_mask: Bool[1, 5]", error.Message);
    }

    [Fact]
    public async Task Start_WithAnOutputOfAnotherChunkShape_ThrowsNamingActionsName()
    {
        (PolicyManifest manifest, _) = await ManifestAsync(SingleGraphPolicy.Model());
        PolicyManifest longer = manifest with { Actions = SingleGraphPolicy.Actions(ActionSpaceKind.JointAbsolute, 2, 3, chunkLength: 5) };
        await using var backend = new OnnxPolicyBackend(longer, Options());

        var error = await Assert.ThrowsAsync<PolicyModelMismatchException>(() => backend.StartAsync(CancellationToken.None));

        Assert.Contains("output 'actions' (manifest actions.name: chunk_length × model_dimensions): expected Float [5, 3] or [1, 5, 3]; the model declares Float [1, 4, 3].", error.Message);
    }

    [Fact]
    public async Task Infer_BeforeStart_Throws_AndACanceledTokenGivesACanceledTask()
    {
        (PolicyManifest manifest, _) = await ManifestAsync(SingleGraphPolicy.Model());
        await using var backend = new OnnxPolicyBackend(manifest, Options());
        PolicyObservation observation = SingleGraphPolicy.Observation(manifest.Inputs, seed: 9);
        var chunk = new float[SingleGraphPolicy.ChunkLength * SingleGraphPolicy.Dimensions];

        await Assert.ThrowsAsync<InvalidOperationException>(() => backend.InferAsync(observation, null, chunk, CancellationToken.None));
        await backend.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => backend.InferAsync(observation, null, new float[3], CancellationToken.None));
        Task canceled = backend.InferAsync(observation, null, chunk, new CancellationToken(canceled: true));
        Assert.True(canceled.IsCanceled);
    }

    public void Dispose() => workspace.Dispose();

    /// <summary>pi0's tokenization: BOS, the cleaned text, then "\n".</summary>
    internal static int[] Pi0Tokens(SentencePieceTokenizer tokenizer, string text) =>
        [.. tokenizer.Encode(text.Trim().Replace('_', ' ').Replace('\n', ' '), addBeginningOfSentence: true), .. tokenizer.Encode("\n")];

    internal static PolicyBackendOptions Options() => new() { IntraOpThreadCount = 1, InterOpThreadCount = 1 };

    internal static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // float32 sums of token ids in the hundreds: tolerate rounding relative to the largest value.
        float tolerance = 1e-5f * Math.Max(1f, expected.Max(Math.Abs));
        for (int index = 0; index < expected.Length; index++)
        {
            Assert.True(Math.Abs(expected[index] - actual[index]) <= tolerance, $"chunk[{index}]: expected {expected[index]}, got {actual[index]} (tolerance {tolerance})");
        }
    }

    private async Task<(PolicyManifest Manifest, SentencePieceTokenizer Tokenizer)> ManifestAsync(byte[] model)
    {
        PeerAnswer answer = await SentencePiecePeer.AnswerAsync();
        string tokenizerPath = answer.Models["bpe_gemma_like"].File;
        return (SingleGraphPolicy.Manifest(workspace.Write("single.onnx", model), tokenizerPath), SentencePieceTokenizer.Load(tokenizerPath));
    }
}
