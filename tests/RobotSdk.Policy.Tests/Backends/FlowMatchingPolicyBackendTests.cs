using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Onnx;
using static RobotSdk.Policy.Tests.Backends.FlowMatchingTestModels;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>The flow-matching backend drives generated step graphs through the real ONNX Runtime; results are checked against closed forms and plain loops.</summary>
public sealed class FlowMatchingPolicyBackendTests : IDisposable
{
    private static readonly float[] JointState = [0.3f, -0.7f, 1.1f, 0.05f];

    private readonly BackendWorkspace workspace = new();

    [Fact]
    public async Task Infer_TenEulerSteps_EndAtTheClosedForm_TargetPlusNinetyPercentToTheTenthOfTheNoiseOffset()
    {
        PolicyManifest manifest = FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: false)), null, noiseSeed: 11);

        float[] chunk = await InferOnceAsync(manifest);

        float[] target = Target(JointState);
        float[] noise = Noise(11);
        double shrink = Math.Pow(0.9, 10);
        float[] expected = [.. target.Select((value, index) => (float)(value + (shrink * (noise[index] - value))))];
        ReferenceMath.AssertClose(Denormalize(expected), chunk, 1e-4f, "chunk");
    }

    [Fact]
    public async Task Infer_FeedsTheTimeOfEachStep_AsThePlainEulerLoopDoes()
    {
        PolicyManifest manifest = FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: true)), null, noiseSeed: 12);

        float[] chunk = await InferOnceAsync(manifest);

        ReferenceMath.AssertClose(Denormalize(ReferenceSample(Noise(12), Target(JointState), prefix: null)), chunk, 1e-5f, "chunk");
    }

    [Fact]
    public async Task Infer_WithAScalarTimeAndUnbatchedActions_GivesTheSameChunk()
    {
        PolicyManifest manifest = FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: true, scalarTime: true, unbatchedActions: true)), null, noiseSeed: 14);

        float[] chunk = await InferOnceAsync(manifest);

        ReferenceMath.AssertClose(Denormalize(ReferenceSample(Noise(14), Target(JointState), prefix: null)), chunk, 1e-5f, "chunk");
    }

    [Fact]
    public async Task Infer_WithAnObservationGraph_ItsContextFeedsTheStepGraph_AndGivesTheSameChunk()
    {
        PolicyManifest direct = FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: true)), null, noiseSeed: 13);
        PolicyManifest split = FlowManifest(
            workspace.Write("step_with_context.onnx", StepGraph(timeBias: true, takesContext: true)), workspace.Write("observation.onnx", ObservationGraph()), noiseSeed: 13);

        float[] expected = await InferOnceAsync(direct);
        float[] actual = await InferOnceAsync(split);

        ReferenceMath.AssertClose(expected, actual, 1e-6f, "chunk through the observation graph");
        ReferenceMath.AssertClose(Denormalize(ReferenceSample(Noise(13), Target(JointState), prefix: null)), actual, 1e-5f, "chunk");
    }

    [Fact]
    public async Task NoiseSeed_SameSeedSameChunks_OtherSeedOtherChunks_AndEachChunkDrawsNewNoise()
    {
        string step = workspace.Write("step.onnx", StepGraph(timeBias: true));
        await using FlowMatchingPolicyBackend first = await StartAsync(FlowManifest(step, null, noiseSeed: 21));
        await using FlowMatchingPolicyBackend again = await StartAsync(FlowManifest(step, null, noiseSeed: 21));
        await using FlowMatchingPolicyBackend other = await StartAsync(FlowManifest(step, null, noiseSeed: 22));

        float[] firstChunk = await InferAsync(first);
        float[] secondChunk = await InferAsync(first);
        float[] againFirst = await InferAsync(again);
        float[] againSecond = await InferAsync(again);
        float[] otherChunk = await InferAsync(other);

        Assert.Equal(firstChunk, againFirst);
        Assert.Equal(secondChunk, againSecond);
        Assert.NotEqual(firstChunk, secondChunk);
        Assert.NotEqual(firstChunk, otherChunk);
        Assert.Equal(21, first.NoiseSeed);
    }

    [Fact]
    public async Task NoiseSeed_TheManifestsSeedWins_ElseTheOptionsSeedIsUsed()
    {
        string step = workspace.Write("step.onnx", StepGraph(timeBias: true));
        var options = new PolicyBackendOptions { NoiseSeed = 5, IntraOpThreadCount = 1, InterOpThreadCount = 1 };

        await using var fromManifest = new FlowMatchingPolicyBackend(FlowManifest(step, null, noiseSeed: 31), options);
        await using var fromOptions = new FlowMatchingPolicyBackend(FlowManifest(step, null, noiseSeed: null), options);

        Assert.Equal(31, fromManifest.NoiseSeed);
        Assert.Equal(5, fromOptions.NoiseSeed);
        await fromOptions.StartAsync(CancellationToken.None);
        ReferenceMath.AssertClose(Denormalize(ReferenceSample(Noise(5), Target(JointState), prefix: null)), await InferAsync(fromOptions), 1e-5f, "chunk with the options' seed");
    }

    [Fact]
    public async Task Infer_WithAPrefix_KeepsTheRowsOfWeightOne_LeavesTheRowsOfWeightZero_AndBlendsBetween()
    {
        string step = workspace.Write("step.onnx", StepGraph(timeBias: true));
        var prefix = new ChunkPrefix(ChunkLength, Dimensions) { Delay = 2 };
        float[] weights = [1f, 1f, 0.5f, 0f, 0f];
        weights.CopyTo(prefix.Weights, 0);
        float[] plan = [1.4f, 2.0f, 1.45f, 1.0f, 1.5f, -3.0f, 1.55f, 0.5f, 1.6f, -1.0f];
        plan.CopyTo(prefix.Actions, 0);
        await using FlowMatchingPolicyBackend free = await StartAsync(FlowManifest(step, null, noiseSeed: 41));
        await using FlowMatchingPolicyBackend guided = await StartAsync(FlowManifest(step, null, noiseSeed: 41));

        float[] freeChunk = await InferAsync(free);
        var guidedChunk = new float[ChunkLength * Dimensions];
        await guided.InferAsync(Observation(), prefix, guidedChunk, CancellationToken.None);

        Assert.True(guided.InpaintsPrefix);
        ReferenceMath.AssertClose(plan[..4], guidedChunk.AsSpan(0, 4), 1e-5f, "rows of weight 1 (the plan)");
        ReferenceMath.AssertClose(freeChunk[6..], guidedChunk.AsSpan(6), 1e-6f, "rows of weight 0 (sampled freely)");
        float[] reference = Denormalize(ReferenceSample(Noise(41), Target(JointState), (plan, weights)));
        ReferenceMath.AssertClose(reference, guidedChunk, 1e-5f, "the whole inpainted chunk");
        Assert.True(Math.Abs(guidedChunk[4] - freeChunk[4]) > 1e-3, "the row of weight 0.5 is pulled towards the plan");
    }

    [Fact]
    public async Task Infer_InSteadyState_WithAnObservationGraphAndAPrefix_AllocatesZeroManagedBytes()
    {
        PolicyManifest manifest = FlowManifest(
            workspace.Write("step_with_context.onnx", StepGraph(timeBias: true, takesContext: true)), workspace.Write("observation.onnx", ObservationGraph()), noiseSeed: 3);
        await using FlowMatchingPolicyBackend backend = await StartAsync(manifest);
        PolicyObservation observation = Observation();
        var prefix = new ChunkPrefix(ChunkLength, Dimensions);
        prefix.Weights.AsSpan(0, 2).Fill(1f);
        var chunk = new float[ChunkLength * Dimensions];
        using var cancellation = new CancellationTokenSource();
        for (int warmUp = 0; warmUp < 30; warmUp++)
        {
            await backend.InferAsync(observation, prefix, chunk, cancellation.Token);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int run = 0; run < 200; run++)
        {
            Task inference = backend.InferAsync(observation, prefix, chunk, cancellation.Token);
            if (!inference.IsCompletedSuccessfully)
            {
                await inference;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Start_WithAManifestOfAnotherChunkLength_ThrowsNamingNoisyActionsAndVelocity()
    {
        PolicyManifest manifest = FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: true)), null, noiseSeed: 1);
        manifest = manifest with { Actions = SingleGraphPolicy.Actions(ActionSpaceKind.JointDelta, Dimensions, ModelDimensions, chunkLength: 6) };
        await using var backend = new FlowMatchingPolicyBackend(manifest, OnnxPolicyBackendTests.Options());

        var error = await Assert.ThrowsAsync<PolicyModelMismatchException>(() => backend.StartAsync(CancellationToken.None));

        Assert.Contains("input 'x_t' (manifest model.noisy_actions: chunk_length × model_dimensions): expected Float [6, 3] or [1, 6, 3]; the model declares Float [1, 5, 3].", error.Message);
        Assert.Contains("output 'v' (manifest model.velocity: chunk_length × model_dimensions): expected Float [6, 3] or [1, 6, 3]; the model declares Float [1, 5, 3].", error.Message);
    }

    [Fact]
    public async Task Start_WithAContextTheObservationGraphDoesNotOutput_ThrowsNamingBothGraphs()
    {
        PolicyManifest manifest = FlowManifest(
            workspace.Write("step_with_context.onnx", StepGraph(timeBias: true, takesContext: true)), workspace.Write("observation.onnx", ObservationGraph("kv_cache")), noiseSeed: 1);
        await using var backend = new FlowMatchingPolicyBackend(manifest, OnnxPolicyBackendTests.Options());

        var error = await Assert.ThrowsAsync<PolicyModelMismatchException>(() => backend.StartAsync(CancellationToken.None));

        Assert.Contains("observation graph: output 'target' (manifest model.context) is not an output of the model; its outputs are: kv_cache: Float[1, 5, 3].", error.Message);
        Assert.Single(error.Problems);
        Assert.Contains("observation.onnx", error.Model);
    }

    [Fact]
    public async Task Infer_WithAPrefixOfAnotherSize_Throws()
    {
        await using FlowMatchingPolicyBackend backend = await StartAsync(FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: true)), null, noiseSeed: 1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => backend.InferAsync(Observation(), new ChunkPrefix(ChunkLength + 1, Dimensions), new float[ChunkLength * Dimensions], CancellationToken.None));

        Assert.Contains("chunk_length 5", error.Message);
    }

    [Fact]
    public async Task Infer_CanceledMidSampling_TerminatesTheSessions_StopsStepping_AndGivesACanceledTask()
    {
        using var cancellation = new CancellationTokenSource();
        ObservedSession? step = null;
        var options = OnnxPolicyBackendTests.Options();
        options.SessionFactory = (path, sessionOptions) => step = new ObservedSession(OnnxSession.Load(path, sessionOptions), afterRun: runs =>
        {
            if (runs == 3)
            {
                cancellation.Cancel();
            }
        });
        await using var backend = new FlowMatchingPolicyBackend(FlowManifest(workspace.Write("step.onnx", StepGraph(timeBias: true)), null, noiseSeed: 1), options);
        await backend.StartAsync(CancellationToken.None);

        Task inference = backend.InferAsync(Observation(), null, new float[ChunkLength * Dimensions], cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inference);
        Assert.True(inference.IsCanceled);
        Assert.Equal(3, step!.Runs);
        Assert.Equal(1, step.Terminations);
        Assert.Contains("(observed CPU)", backend.Description);
    }

    public void Dispose() => workspace.Dispose();

    /// <summary>The first noise sample of a backend seeded with <paramref name="seed"/>: H × D_model normals.</summary>
    private static float[] Noise(int seed)
    {
        var noise = new float[ChunkLength * ModelDimensions];
        new GaussianNoise((ulong)seed).Fill(noise);
        return noise;
    }

    /// <summary>
    /// pi0's sampling written out for this velocity field: x = ε, t = 1, dt = −0.1 in float32; ten
    /// times: inpaint (when guided, τ = 1 − t), v = x − target + t b, x += dt v, t += dt; then a last
    /// inpaint at τ = 1. Returns x in model units.
    /// </summary>
    private static float[] ReferenceSample(float[] noise, float[] target, (float[] Plan, float[] Weights)? prefix)
    {
        float[] x = [.. noise];
        float dt = -0.1f;
        float t = 1f;
        for (int step = 0; step < 10; step++)
        {
            Inpaint(x, noise, prefix, 1f - t);
            for (int index = 0; index < x.Length; index++)
            {
                float velocity = x[index] - target[index] + (t * TimeBias[index]);
                x[index] += dt * velocity;
            }

            t += dt;
        }

        Inpaint(x, noise, prefix, 1f);
        return x;
    }

    private static void Inpaint(float[] x, float[] noise, (float[] Plan, float[] Weights)? prefix, float dataFraction)
    {
        if (prefix is not { } guide)
        {
            return;
        }

        for (int row = 0; row < ChunkLength; row++)
        {
            for (int column = 0; column < Dimensions; column++)
            {
                int at = (row * ModelDimensions) + column;
                float plan = Normalize(guide.Plan[(row * Dimensions) + column], column);
                float target = (dataFraction * plan) + ((1f - dataFraction) * noise[at]);
                x[at] = (guide.Weights[row] * target) + ((1f - guide.Weights[row]) * x[at]);
            }
        }
    }

    private static PolicyObservation Observation()
    {
        var observation = new PolicyObservation(new PolicyInputs([], [new StateInput("joints", ["shoulder", "elbow", "wrist_pitch", "wrist_roll"], null)], null));
        JointState.CopyTo(observation.State[0], 0);
        return observation;
    }

    private static async Task<FlowMatchingPolicyBackend> StartAsync(PolicyManifest manifest)
    {
        var backend = new FlowMatchingPolicyBackend(manifest, OnnxPolicyBackendTests.Options());
        await backend.StartAsync(CancellationToken.None);
        return backend;
    }

    private static async Task<float[]> InferAsync(FlowMatchingPolicyBackend backend)
    {
        var chunk = new float[ChunkLength * Dimensions];
        await backend.InferAsync(Observation(), null, chunk, CancellationToken.None);
        return chunk;
    }

    private static async Task<float[]> InferOnceAsync(PolicyManifest manifest)
    {
        await using FlowMatchingPolicyBackend backend = await StartAsync(manifest);
        return await InferAsync(backend);
    }
}
