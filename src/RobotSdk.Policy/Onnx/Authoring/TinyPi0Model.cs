using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>
/// Generates a tiny model shaped like pi0 (Black et al. 2024) with seeded random weights, for
/// contract tests and benchmarks of the flow-matching runner: the same inputs, graph split and
/// denoising loop as a real pi0 export, about 0.25 M parameters instead of 3 B. Nothing in it is
/// trained, so its actions mean nothing; every output depends on every input, which is what the
/// tests check.
/// </summary>
/// <remarks>
/// <para>
/// Observation graph (once per chunk, pi0's prefix): the camera image [1, S, S, 3] (float, −1 to 1)
/// is cut into P×P-pixel patches, each flattened and embedded by one MatMul, plus a learned
/// position; prompt token ids [1, T] (int64) are looked up in an embedding table (Gather), plus a
/// position; the padded state [1, 8] is projected to one token. The tokens
/// [image; prompt; state] pass through pre-norm transformer blocks (LayerNormalization,
/// multi-head self-attention with MatMul/Softmax, GELU MLP) in which padded prompt tokens
/// (token_mask false) are never attended to. Outputs: <c>context</c> [1, N, W] and
/// <c>context_mask</c> [1, N] (1 for real tokens, 0 for padding).
/// </para>
/// <para>
/// Step graph (10 times per chunk, pi0's action expert): <c>noisy_actions</c> [1, H, D] are
/// embedded, concatenated with pi0's sinusoidal embedding of <c>time</c> [1] (periods 4·10⁻³ to 4)
/// and mixed by a Swish MLP (pi0's action-time MLP); each block lets the action tokens attend to
/// the context and to each other (pi0's joint attention over prefix and suffix), then an MLP;
/// the output projection gives <c>velocity</c> [1, H, D]. The runner integrates
/// x ← x + (t_end − t_start)/steps · velocity from Gaussian noise at t = 1 to t = 0.
/// </para>
/// <para>All graphs are IR 8, opset 17, float32, fixed shapes.</para>
/// </remarks>
public static class TinyPi0Model
{
    /// <summary>The seed of the committed manifest <c>models/tiny-pi0/tiny-pi0.json</c>.</summary>
    public const int DefaultSeed = 7;

    /// <summary>The camera the model looks through.</summary>
    public const string CameraName = "scene";

    /// <summary>Observation graph input: the camera image, float [1, S, S, 3] in −1 to 1.</summary>
    public const string ImageName = "image";

    /// <summary>Observation graph input: prompt token ids, int64 [1, T].</summary>
    public const string TokensName = "tokens";

    /// <summary>Observation graph input: prompt token mask, bool [1, T], true for real tokens.</summary>
    public const string TokenMaskName = "token_mask";

    /// <summary>Observation graph input: normalized state padded with zeros, float [1, StateDimensions].</summary>
    public const string StateName = "state";

    /// <summary>Observation graph output and step graph input: the encoded prefix, float [1, N, Width].</summary>
    public const string ContextName = "context";

    /// <summary>Observation graph output and step graph input: 1 for context tokens that may be attended to, 0 for prompt padding, float [1, N].</summary>
    public const string ContextMaskName = "context_mask";

    /// <summary>Step graph input: the actions at time t, float [1, H, D].</summary>
    public const string NoisyActionsName = "noisy_actions";

    /// <summary>Step graph input: the flow time t, float [1] (1 noise, 0 data).</summary>
    public const string TimeName = "time";

    /// <summary>Step graph output: the velocity dx/dt, float [1, H, D].</summary>
    public const string VelocityName = "velocity";

    /// <summary>File name of the observation graph written by <see cref="WriteTo"/>.</summary>
    public const string ObservationGraphFileName = "tiny-pi0-observation.onnx";

    /// <summary>File name of the step graph written by <see cref="WriteTo"/>.</summary>
    public const string StepGraphFileName = "tiny-pi0-step.onnx";

    /// <summary>File name of the SentencePiece tokenizer written by <see cref="WriteTo"/>.</summary>
    public const string TokenizerFileName = "tiny-pi0-tokenizer.model";

    /// <summary>File name of the policy manifest written by <see cref="WriteTo"/>.</summary>
    public const string ManifestFileName = "tiny-pi0.json";

    /// <summary>The instruction the manifest sends when none is given.</summary>
    public const string DefaultPrompt = "touch the red cube";

    // pi0's time embedding periods (openpi posemb_sincos: min_period 4e-3, max_period 4.0).
    private const double MinimumPeriod = 4e-3;
    private const double MaximumPeriod = 4.0;

    // Added to the attention score of a key that must be ignored; finite so a row never becomes NaN.
    private const float MaskPenalty = -1e9f;

    private const string TokenizerCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-:;/()";

    private static readonly string[] TokenizerWords =
    [
        "the", "a", "cube", "block", "touch", "pick", "up", "place", "put", "it", "on", "in", "into", "to", "of", "and",
        "red", "green", "blue", "yellow", "white", "black", "small", "big", "move", "push", "lift", "grasp", "grab",
        "release", "drop", "open", "close", "gripper", "arm", "left", "right", "front", "behind", "near", "far", "table",
        "bowl", "box", "cup", "plate", "towel", "fold", "stack", "slowly", "carefully", "then", "go", "home", "reach",
        "robot", "pen", "bottle", "drawer", "top", "bottom", "center",
    ];

    /// <summary>The SO-101's joints and gripper, the state and action order of the manifest.</summary>
    public static IReadOnlyList<string> So101Joints { get; } =
        Array.AsReadOnly(["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"]);

    /// <summary>Number of pieces of the tokenizer <see cref="BuildTokenizer"/> writes (the embedding table's rows).</summary>
    public static int VocabularySize => 4 + TokenizerWords.Length + 1 + TokenizerCharacters.Length;

    /// <summary>
    /// Builds the observation graph: image, tokens, token_mask and state in; context and
    /// context_mask out.
    /// </summary>
    /// <param name="seed">Seed of the random weights; the same seed gives the same bytes.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    public static byte[] BuildObservationGraph(int seed, TinyPi0Options? options = null)
    {
        options ??= new TinyPi0Options();
        options.Validate();
        int width = options.Width;
        int grid = options.ImageSize / options.PatchSize;
        int patch = options.PatchSize;
        int patchValues = patch * patch * 3;
        int contextLength = options.ContextLength;
        var builder = new OnnxModelBuilder("tiny_pi0_observation")
        {
            Description = $"RobotSdk TinyPi0Model observation graph (pi0's prefix encoder), seed {seed}; random weights, generated by code.",
        };
        builder
            .AddInput(ImageName, TensorElementType.Float, 1, options.ImageSize, options.ImageSize, 3)
            .AddInput(TokensName, TensorElementType.Int64, 1, options.PromptTokens)
            .AddInput(TokenMaskName, TensorElementType.Bool, 1, options.PromptTokens)
            .AddInput(StateName, TensorElementType.Float, 1, options.StateDimensions);
        var graph = new OnnxGraphComposer(builder, new SeededGaussian(seed));

        // [1, S, S, 3] -> [1, gy, py, gx, px, 3] -> [1, gy, gx, py, px, 3] -> one row per patch.
        var patches = graph.Reshape(graph.Transpose(graph.Reshape(ImageName, 1, grid, patch, grid, patch, 3), 0, 1, 3, 2, 4, 5), 1, grid * grid, patchValues);
        var imageTokens = graph.Node("Add", [graph.Linear(patches, patchValues, width, "patch_embedding"), graph.Gaussian("image_position", 0.1, grid * grid, width)]);

        var embedded = graph.Node("Gather", [graph.Gaussian("token_embedding", 1.0, VocabularySize, width), TokensName], attributes: OnnxNodeAttribute.Int("axis", 0));
        var promptTokens = graph.Node("Add", [embedded, graph.Gaussian("prompt_position", 0.1, options.PromptTokens, width)]);

        var stateToken = graph.Reshape(graph.Linear(StateName, options.StateDimensions, width, "state_projection"), 1, 1, width);
        var tokens = graph.Node("Concat", [imageTokens, promptTokens, stateToken], attributes: OnnxNodeAttribute.Int("axis", 1));

        var promptValid = graph.Node("Cast", [TokenMaskName], attributes: OnnxNodeAttribute.Int("to", (long)TensorElementType.Float));
        var valid = graph.Node(
            "Concat",
            [graph.Filled("image_valid", 1f, 1, options.PatchCount), promptValid, graph.Filled("state_valid", 1f, 1, 1)],
            ContextMaskName,
            OnnxNodeAttribute.Int("axis", 1));
        var additiveMask = graph.Reshape(Penalty(graph, valid), 1, 1, 1, contextLength);

        for (var block = 0; block < options.ObservationBlocks; block++)
        {
            var stem = $"observation_block{block}";
            var normed = graph.LayerNorm(tokens, width, stem + "_attention_norm");
            tokens = graph.Node("Add", [tokens, graph.Attention(normed, normed, contextLength, contextLength, width, options.Heads, additiveMask, stem + "_attention")]);
            var mlpInput = graph.LayerNorm(tokens, width, stem + "_mlp_norm");
            tokens = graph.Node("Add", [tokens, graph.FeedForward(mlpInput, width, stem + "_mlp")]);
        }

        graph.LayerNorm(tokens, width, "observation_final_norm", ContextName);
        return builder
            .AddOutput(ContextName, TensorElementType.Float, 1, contextLength, width)
            .AddOutput(ContextMaskName, TensorElementType.Float, 1, contextLength)
            .Build();
    }

    /// <summary>
    /// Builds the denoising step graph: noisy_actions, time, context and context_mask in; velocity out.
    /// </summary>
    /// <param name="seed">Seed of the random weights (the same seed as the observation graph's: the two draw from separate streams).</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    public static byte[] BuildStepGraph(int seed, TinyPi0Options? options = null)
    {
        options ??= new TinyPi0Options();
        options.Validate();
        int width = options.Width;
        int chunk = options.ChunkLength;
        int contextLength = options.ContextLength;
        int half = width / 2;
        var builder = new OnnxModelBuilder("tiny_pi0_step")
        {
            Description = $"RobotSdk TinyPi0Model denoising step graph (pi0's action expert), seed {seed}; random weights, generated by code.",
        };
        builder
            .AddInput(NoisyActionsName, TensorElementType.Float, 1, chunk, options.ActionDimensions)
            .AddInput(TimeName, TensorElementType.Float, 1)
            .AddInput(ContextName, TensorElementType.Float, 1, contextLength, width)
            .AddInput(ContextMaskName, TensorElementType.Float, 1, contextLength);

        // A stream of its own, so resizing one graph never changes the other's weights.
        var graph = new OnnxGraphComposer(builder, new SeededGaussian(unchecked((seed * 1_000_003L) + 0x5354_4550L)));

        var frequencies = new float[half];
        for (var index = 0; index < half; index++)
        {
            double fraction = half == 1 ? 0 : index / (double)(half - 1);
            double period = MinimumPeriod * Math.Pow(MaximumPeriod / MinimumPeriod, fraction);
            frequencies[index] = (float)(2 * Math.PI / period);
        }

        var angles = graph.Node("MatMul", [graph.Reshape(TimeName, 1, 1), graph.Constant("time_frequencies", frequencies, 1, half)]);
        var timeEmbedding = graph.Node("Concat", [graph.Node("Sin", [angles]), graph.Node("Cos", [angles])], attributes: OnnxNodeAttribute.Int("axis", -1));
        var timeTokens = graph.Node("Expand", [graph.Reshape(timeEmbedding, 1, 1, width), graph.Integers("time_expand", 1, chunk, width)]);

        var actionTokens = graph.Linear(NoisyActionsName, options.ActionDimensions, width, "action_in");
        var mixed = graph.Node("Concat", [actionTokens, timeTokens], attributes: OnnxNodeAttribute.Int("axis", 2));
        var tokens = graph.Linear(graph.Swish(graph.Linear(mixed, 2 * width, width, "action_time_in")), width, width, "action_time_out");
        tokens = graph.Node("Add", [tokens, graph.Gaussian("action_position", 0.1, chunk, width)]);

        // Keys: the context (masked where padded) followed by the action tokens (always attended).
        var keyLength = contextLength + chunk;
        var keyPenalty = graph.Node("Concat", [Penalty(graph, ContextMaskName), graph.Filled("action_keys_visible", 0f, 1, chunk)], attributes: OnnxNodeAttribute.Int("axis", 1));
        var additiveMask = graph.Reshape(keyPenalty, 1, 1, 1, keyLength);

        for (var block = 0; block < options.ActionBlocks; block++)
        {
            var stem = $"action_block{block}";
            var normed = graph.LayerNorm(tokens, width, stem + "_attention_norm");
            var keys = graph.Node("Concat", [ContextName, normed], attributes: OnnxNodeAttribute.Int("axis", 1));
            tokens = graph.Node("Add", [tokens, graph.Attention(normed, keys, chunk, keyLength, width, options.Heads, additiveMask, stem + "_attention")]);
            var mlpInput = graph.LayerNorm(tokens, width, stem + "_mlp_norm");
            tokens = graph.Node("Add", [tokens, graph.FeedForward(mlpInput, width, stem + "_mlp")]);
        }

        var final = graph.LayerNorm(tokens, width, "action_final_norm");
        graph.Linear(final, width, options.ActionDimensions, "action_out", VelocityName);
        return builder.AddOutput(VelocityName, TensorElementType.Float, 1, chunk, options.ActionDimensions).Build();
    }

    /// <summary>
    /// Builds the prompt tokenizer: a SentencePiece unigram model (readable by SentencePiece itself)
    /// whose vocabulary is a few dozen robot-instruction words plus single characters.
    /// </summary>
    public static byte[] BuildTokenizer() => SentencePieceModelWriter.Build(TokenizerWords, TokenizerCharacters);

    /// <summary>
    /// The manifest of a model written to <paramref name="directory"/>: flow-matching with the
    /// observation graph's context, 10 Euler steps from t = 1 to 0 with noise seed
    /// <paramref name="seed"/>; camera <see cref="CameraName"/> resized with padding to the
    /// image size, HWC float −1 to 1; the SO-101's joints as state (z-score, padded); the prompt
    /// through the tokenizer; joint-delta actions for the five arm joints and an absolute
    /// gripper (0 closed, 1 open), 6 of the model's 8 numbers used.
    /// </summary>
    /// <param name="directory">Where the model files are (paths in the record are full paths).</param>
    /// <param name="seed">The model's seed, also used as the manifest's noise seed.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    public static PolicyManifest CreateManifest(string directory, int seed = DefaultSeed, TinyPi0Options? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new TinyPi0Options();
        options.Validate();
        string folder = Path.GetFullPath(directory);
        int joints = So101Joints.Count;
        if (options.ActionDimensions < joints || options.StateDimensions < joints)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The SO-101 manifest needs at least {joints} state and action dimensions; the options have {options.StateDimensions} and {options.ActionDimensions}.");
        }

        var model = new FlowMatchingPolicyModel(
            Path.Combine(folder, StepGraphFileName),
            Path.Combine(folder, ObservationGraphFileName),
            [ContextName, ContextMaskName],
            NoisyActionsName,
            TimeName,
            VelocityName,
            FlowMatchingPolicyModel.DefaultSteps,
            seed,
            TimeStart: 1.0,
            TimeEnd: 0.0);
        var inputs = new PolicyInputs(
            [new ImageInput(CameraName, ImageName, null, options.ImageSize, options.ImageSize, ImageResize.WithPadding, ImageLayout.HeightWidthChannels, TensorElementType.Float, new ImageValueRange(-1, 1))],
            [new StateInput(StateName, So101Joints, options.StateDimensions)],
            new PromptInput(TokensName, Path.Combine(folder, TokenizerFileName), options.PromptTokens, TokenMaskName, DefaultPrompt));

        // Radians for the arm joints, open fraction for the gripper: plausible scales, so normalized
        // values and the model's outputs are of order one.
        var normalization = new PolicyNormalization(
            new NormalizationStatistics(NormalizationMethod.ZScore, [0, 0, 0, 0, 0, 0.5], [0.8, 0.8, 0.8, 0.8, 0.8, 0.3], null, null),
            new NormalizationStatistics(NormalizationMethod.ZScore, [0, 0, 0, 0, 0, 0.5], [0.05, 0.05, 0.05, 0.05, 0.05, 0.3], null, null));
        var actions = new ActionSpace(
            ActionSpaceKind.JointDelta,
            "actions",
            joints,
            options.ActionDimensions,
            options.ChunkLength,
            ExecutionHorizon: Math.Max(1, options.ChunkLength / 2),
            ControlRateHertz: 20,
            [.. So101Joints.Take(joints - 1).Select((joint, index) => new ActionJoint(index, joint))],
            [new ActionGripper(joints - 1, So101Joints[joints - 1], Closed: 0, Open: 1)],
            null);
        return new PolicyManifest(model, inputs, normalization, actions);
    }

    /// <summary>
    /// Writes the observation graph, step graph, tokenizer and manifest into <paramref name="directory"/>
    /// (created if needed; existing files of these names are replaced).
    /// </summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="seed">Seed of the weights and of the manifest's noise.</param>
    /// <param name="options">Sizes; the defaults when null.</param>
    /// <returns>The full path of the manifest.</returns>
    public static string WriteTo(string directory, int seed = DefaultSeed, TinyPi0Options? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, ObservationGraphFileName), BuildObservationGraph(seed, options));
        File.WriteAllBytes(Path.Combine(folder, StepGraphFileName), BuildStepGraph(seed, options));
        File.WriteAllBytes(Path.Combine(folder, TokenizerFileName), BuildTokenizer());
        string manifestPath = Path.Combine(folder, ManifestFileName);
        PolicyManifestFile.Save(CreateManifest(folder, seed, options), manifestPath);
        return manifestPath;
    }

    /// <summary>The attention score penalty of each key: 0 where <paramref name="valid"/> is 1, <see cref="MaskPenalty"/> where it is 0.</summary>
    private static string Penalty(OnnxGraphComposer graph, string valid) =>
        graph.Node("Mul", [graph.Node("Sub", [valid, graph.Constant("one", [1f], 1)]), graph.Constant("mask_penalty", [-MaskPenalty], 1)]);
}
