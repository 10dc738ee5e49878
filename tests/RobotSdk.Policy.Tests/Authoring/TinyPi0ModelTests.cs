using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.Policy.Tests.Authoring;

/// <summary>The generated tiny pi0 run through the real ONNX Runtime: shapes, determinism, and that every input reaches the velocity.</summary>
public sealed class TinyPi0ModelTests
{
    private static readonly TinyPi0Options Sizes = new();

    [Fact]
    public void Sessions_DeclareThePi0ShapedInputsAndOutputs()
    {
        using var model = TinyPi0Harness.Generate(seed: 1);

        Assert.Equal(
            ["image:Float[1,64,64,3]", "tokens:Int64[1,16]", "token_mask:Bool[1,16]", "state:Float[1,8]"],
            model.ObservationSession.Inputs.Select(Describe));
        Assert.Equal(["context:Float[1,81,64]", "context_mask:Float[1,81]"], model.ObservationSession.Outputs.Select(Describe));
        Assert.Equal(
            ["noisy_actions:Float[1,10,8]", "time:Float[1]", "context:Float[1,81,64]", "context_mask:Float[1,81]"],
            model.StepSession.Inputs.Select(Describe));
        Assert.Equal(["velocity:Float[1,10,8]"], model.StepSession.Outputs.Select(Describe));
    }

    [Fact]
    public void ObservationGraph_MasksPromptPadding_InContextMask()
    {
        using var model = TinyPi0Harness.Generate(seed: 1);
        model.SetScene("touch the red cube");
        int realTokens = model.TokenMask.Count(valid => valid);

        model.RunObservation();

        var promptStart = Sizes.PatchCount;
        Assert.All(model.ContextMask[..promptStart], value => Assert.Equal(1f, value));
        Assert.Equal(Enumerable.Repeat(1f, realTokens), model.ContextMask[promptStart..(promptStart + realTokens)]);
        Assert.All(model.ContextMask[(promptStart + realTokens)..^1], value => Assert.Equal(0f, value));
        Assert.Equal(1f, model.ContextMask[^1]);
        Assert.All(model.Context, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void SameSeed_GivesTheSameBytesAndOutputs_AndAnotherSeedDiffers()
    {
        Assert.Equal(TinyPi0Model.BuildObservationGraph(5), TinyPi0Model.BuildObservationGraph(5));
        Assert.Equal(TinyPi0Model.BuildStepGraph(5), TinyPi0Model.BuildStepGraph(5));
        Assert.NotEqual(TinyPi0Model.BuildStepGraph(5), TinyPi0Model.BuildStepGraph(6));

        float[] Chunk(int seed)
        {
            using var model = TinyPi0Harness.Generate(seed);
            model.SetScene("touch the red cube");
            return model.Sample(noiseSeed: 42);
        }

        var first = Chunk(5);
        var again = Chunk(5);
        var other = Chunk(6);

        Assert.Equal(first, again);
        Assert.True(MaximumDifference(first, other) > 0.05, $"seeds 5 and 6 gave chunks within {MaximumDifference(first, other)}");
    }

    [Fact]
    public void Velocity_DependsOnImagePromptStateTimeAndNoisyActions()
    {
        using var model = TinyPi0Harness.Generate(seed: 3);
        model.SetScene("pick up the blue block");
        FillNoisyActions(model.NoisyActions);
        model.RunObservation();
        var baseline = model.VelocityAt(0.6f);
        Assert.All(baseline, value => Assert.True(float.IsFinite(value)));
        Assert.True(baseline.Max(Math.Abs) > 0.1, "the velocity is all but zero");

        var changes = new Dictionary<string, double>();
        double ChangeAfter(Action perturb, Action restore)
        {
            perturb();
            model.RunObservation();
            var changed = model.VelocityAt(0.6f);
            restore();
            model.RunObservation();
            Assert.Equal(baseline, model.VelocityAt(0.6f));
            return MaximumDifference(baseline, changed);
        }

        var pixel = ((20 * Sizes.ImageSize) + 30) * 3;
        var originalPixel = model.Image[pixel];
        changes["one image pixel"] = ChangeAfter(() => model.Image[pixel] = -originalPixel, () => model.Image[pixel] = originalPixel);
        var originalToken = model.Tokens[2];
        changes["one prompt token"] = ChangeAfter(() => model.Tokens[2] = originalToken + 1, () => model.Tokens[2] = originalToken);
        var originalJoint = model.State[1];
        changes["one state value"] = ChangeAfter(() => model.State[1] = originalJoint + 0.5f, () => model.State[1] = originalJoint);
        var originalAction = model.NoisyActions[9];
        changes["one noisy action"] = ChangeAfter(() => model.NoisyActions[9] = originalAction + 0.5f, () => model.NoisyActions[9] = originalAction);
        changes["time"] = MaximumDifference(baseline, model.VelocityAt(0.2f));

        Assert.All(changes, change => Assert.True(change.Value > 1e-4, $"changing {change.Key} moved the velocity by only {change.Value}"));
    }

    [Fact]
    public void Velocity_IgnoresTokensBehindTheMask_AndFollowsTheMaskItself()
    {
        using var model = TinyPi0Harness.Generate(seed: 3);
        model.SetScene("touch the cube");
        FillNoisyActions(model.NoisyActions);
        model.RunObservation();
        var baseline = model.VelocityAt(0.5f);
        var padding = Array.IndexOf(model.TokenMask, false);
        Assert.True(padding > 0, "the prompt fills every token; the test needs padding");

        model.Tokens[padding] = 17;
        model.RunObservation();
        var withOtherPadding = model.VelocityAt(0.5f);
        model.TokenMask[padding] = true;
        model.RunObservation();
        var withTokenUnmasked = model.VelocityAt(0.5f);

        Assert.True(MaximumDifference(baseline, withOtherPadding) < 1e-5, $"a masked token changed the velocity by {MaximumDifference(baseline, withOtherPadding)}");
        Assert.True(MaximumDifference(baseline, withTokenUnmasked) > 1e-4, "unmasking a token did not change the velocity");
    }

    [Fact]
    public void EulerSampling_TenStepsFromSeededNoise_GivesAFiniteChunkThatDependsOnTheObservation()
    {
        using var model = TinyPi0Harness.Generate(seed: TinyPi0Model.DefaultSeed);
        model.SetScene("touch the red cube");
        var noise = new SeededGaussian(42).Next(model.NoisyActions.Length, 1.0);

        var chunk = model.Sample(noiseSeed: 42);
        var repeated = model.Sample(noiseSeed: 42);
        var otherNoise = model.Sample(noiseSeed: 43);
        model.SetPrompt("push the green block left");
        var otherPrompt = model.Sample(noiseSeed: 42);

        Assert.Equal(Sizes.ChunkLength * Sizes.ActionDimensions, chunk.Length);
        Assert.All(chunk, value => Assert.True(float.IsFinite(value) && Math.Abs(value) < 100, $"action {value}"));
        Assert.Equal(chunk, repeated);
        Assert.True(MaximumDifference(chunk, noise) > 0.1, "ten steps left the noise where it was");
        Assert.True(MaximumDifference(chunk, otherNoise) > 1e-3, "other noise gave the same chunk");
        Assert.True(MaximumDifference(chunk, otherPrompt) > 1e-3, "another prompt gave the same chunk");
    }

    [Fact]
    public void Options_ThatDoNotFit_AreRejectedWithTheReason()
    {
        var patch = Assert.Throws<ArgumentOutOfRangeException>(() => TinyPi0Model.BuildObservationGraph(1, new TinyPi0Options { ImageSize = 60, PatchSize = 8 }));
        Assert.Contains("divide the image size 60", patch.Message, StringComparison.Ordinal);
        var heads = Assert.Throws<ArgumentOutOfRangeException>(() => TinyPi0Model.BuildStepGraph(1, new TinyPi0Options { Width = 30, Heads = 4 }));
        Assert.Contains("divide the width 30", heads.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => TinyPi0Model.CreateManifest("/tmp", options: new TinyPi0Options { ActionDimensions = 4 }));
    }

    [Fact]
    public void SmallerOptions_GiveAModelOfThoseSizes()
    {
        var options = new TinyPi0Options { ImageSize = 32, PatchSize = 16, PromptTokens = 8, ChunkLength = 4, Width = 32, Heads = 2, ObservationBlocks = 1, ActionBlocks = 1 };
        using var model = TinyPi0Harness.Generate(seed: 2, options);
        model.SetScene("touch the cube");

        var chunk = model.Sample(noiseSeed: 1);

        Assert.Equal(["context:Float[1,13,32]", "context_mask:Float[1,13]"], model.ObservationSession.Outputs.Select(Describe));
        Assert.Equal(4 * 8, chunk.Length);
        Assert.All(chunk, value => Assert.True(float.IsFinite(value)));
    }

    internal static double MaximumDifference(float[] first, float[] second) =>
        first.Zip(second, (a, b) => Math.Abs((double)a - b)).Max();

    private static void FillNoisyActions(float[] actions)
    {
        for (var index = 0; index < actions.Length; index++)
        {
            actions[index] = (float)Math.Cos(index * 0.7);
        }
    }

    private static string Describe(TensorMetadata metadata) =>
        $"{metadata.Name}:{metadata.ElementType}[{string.Join(",", metadata.Dimensions.Select(dimension => dimension.Size))}]";
}
