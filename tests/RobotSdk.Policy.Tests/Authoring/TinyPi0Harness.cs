using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;
using RobotSdk.Policy.Tests.Onnx;
using RobotSdk.Policy.Tokenization;

namespace RobotSdk.Policy.Tests.Authoring;

/// <summary>
/// Runs a generated tiny pi0 through the real ONNX Runtime the way the flow-matching runner does:
/// the observation graph once, its context bound as the step graph's input, then Euler steps
/// x ← x + (0 − 1)/steps · velocity from seeded Gaussian noise at t = 1. Buffers are bound once.
/// </summary>
internal sealed class TinyPi0Harness : IDisposable
{
    private readonly OnnxSession observationSession;
    private readonly OnnxSession stepSession;
    private readonly OnnxBinding observationBinding;
    private readonly OnnxBinding stepBinding;

    public TinyPi0Harness(byte[] observationGraph, byte[] stepGraph, TinyPi0Options? options = null)
    {
        Options = options ?? new TinyPi0Options();
        var sizes = Options;
        Image = new float[sizes.ImageSize * sizes.ImageSize * 3];
        Tokens = new long[sizes.PromptTokens];
        TokenMask = new bool[sizes.PromptTokens];
        State = new float[sizes.StateDimensions];
        Context = new float[sizes.ContextLength * sizes.Width];
        ContextMask = new float[sizes.ContextLength];
        NoisyActions = new float[sizes.ChunkLength * sizes.ActionDimensions];
        Time = new float[1];
        Velocity = new float[sizes.ChunkLength * sizes.ActionDimensions];

        observationSession = OnnxSession.Load(observationGraph, TestModels.SingleThreaded());
        stepSession = OnnxSession.Load(stepGraph, TestModels.SingleThreaded());
        observationBinding = observationSession.CreateBinding();
        observationBinding.BindInput<float>(TinyPi0Model.ImageName, Image, [1, sizes.ImageSize, sizes.ImageSize, 3]);
        observationBinding.BindInput<long>(TinyPi0Model.TokensName, Tokens, [1, sizes.PromptTokens]);
        observationBinding.BindInput<bool>(TinyPi0Model.TokenMaskName, TokenMask, [1, sizes.PromptTokens]);
        observationBinding.BindInput<float>(TinyPi0Model.StateName, State, [1, sizes.StateDimensions]);
        observationBinding.BindOutput<float>(TinyPi0Model.ContextName, Context, [1, sizes.ContextLength, sizes.Width]);
        observationBinding.BindOutput<float>(TinyPi0Model.ContextMaskName, ContextMask, [1, sizes.ContextLength]);
        stepBinding = stepSession.CreateBinding();
        stepBinding.BindInput<float>(TinyPi0Model.NoisyActionsName, NoisyActions, [1, sizes.ChunkLength, sizes.ActionDimensions]);
        stepBinding.BindInput<float>(TinyPi0Model.TimeName, Time, [1]);
        stepBinding.BindInput<float>(TinyPi0Model.ContextName, Context, [1, sizes.ContextLength, sizes.Width]);
        stepBinding.BindInput<float>(TinyPi0Model.ContextMaskName, ContextMask, [1, sizes.ContextLength]);
        stepBinding.BindOutput<float>(TinyPi0Model.VelocityName, Velocity, [1, sizes.ChunkLength, sizes.ActionDimensions]);
    }

    public TinyPi0Options Options { get; }

    public OnnxSession ObservationSession => observationSession;

    public OnnxSession StepSession => stepSession;

    public float[] Image { get; }

    public long[] Tokens { get; }

    public bool[] TokenMask { get; }

    public float[] State { get; }

    public float[] Context { get; }

    public float[] ContextMask { get; }

    public float[] NoisyActions { get; }

    public float[] Time { get; }

    public float[] Velocity { get; }

    public static TinyPi0Harness Generate(int seed, TinyPi0Options? options = null) =>
        new(TinyPi0Model.BuildObservationGraph(seed, options), TinyPi0Model.BuildStepGraph(seed, options), options);

    /// <summary>Fills the observation with a fixed scene: a smooth image in −1..1, the prompt and an arm pose.</summary>
    public void SetScene(string prompt)
    {
        var size = Options.ImageSize;
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                for (var channel = 0; channel < 3; channel++)
                {
                    Image[(((row * size) + column) * 3) + channel] = (float)Math.Sin((0.11 * row) + (0.07 * column) + (2.1 * channel));
                }
            }
        }

        SetPrompt(prompt);
        Array.Clear(State);
        for (var index = 0; index < TinyPi0Model.So101Joints.Count; index++)
        {
            State[index] = 0.3f * (index - 2);
        }
    }

    /// <summary>Tokenizes with the generated tokenizer, pads with 0 and marks the real tokens.</summary>
    public void SetPrompt(string prompt)
    {
        var ids = SentencePieceTokenizer.FromBytes(TinyPi0Model.BuildTokenizer()).Encode(prompt, addBeginningOfSentence: true);
        Assert.True(ids.Length <= Tokens.Length, $"'{prompt}' takes {ids.Length} tokens, more than {Tokens.Length}.");
        Array.Clear(Tokens);
        Array.Clear(TokenMask);
        for (var index = 0; index < ids.Length; index++)
        {
            Tokens[index] = ids[index];
            TokenMask[index] = true;
        }
    }

    public void RunObservation() => observationBinding.Run();

    /// <summary>The step graph's velocity at <paramref name="time"/> for the current noisy actions and context (a copy).</summary>
    public float[] VelocityAt(float time)
    {
        Time[0] = time;
        stepBinding.Run();
        return [.. Velocity];
    }

    /// <summary>Encodes the observation, then integrates <paramref name="steps"/> Euler steps from seeded noise; returns the chunk.</summary>
    public float[] Sample(long noiseSeed, int steps = 10)
    {
        RunObservation();
        var noise = new SeededGaussian(noiseSeed);
        for (var index = 0; index < NoisyActions.Length; index++)
        {
            NoisyActions[index] = (float)noise.Next();
        }

        var step = -1f / steps;
        for (var index = 0; index < steps; index++)
        {
            Time[0] = 1f + (index * step);
            stepBinding.Run();
            for (var element = 0; element < NoisyActions.Length; element++)
            {
                NoisyActions[element] += step * Velocity[element];
            }
        }

        return [.. NoisyActions];
    }

    public void Dispose()
    {
        observationSession.Dispose();
        stepSession.Dispose();
    }
}
