namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>
/// The sizes of a <see cref="TinyPi0Model"/>. The defaults give a model of about 0.25 M parameters
/// whose step graph runs in well under a millisecond on one CPU core: a 64 × 64 camera image in
/// 8 × 8 patches, 16 prompt tokens, an 8-number padded state, chunks of 10 actions of 8 numbers
/// (the SO-101's 6 used), width 64 with 4 heads.
/// </summary>
public sealed record TinyPi0Options
{
    /// <summary>Side of the square camera image, pixels.</summary>
    public int ImageSize { get; init; } = 64;

    /// <summary>Side of an image patch, pixels; must divide <see cref="ImageSize"/>.</summary>
    public int PatchSize { get; init; } = 8;

    /// <summary>Prompt tokens the model takes (the manifest's <c>max_tokens</c>).</summary>
    public int PromptTokens { get; init; } = 16;

    /// <summary>Length of the state vector after padding (the manifest's <c>pad_to</c>).</summary>
    public int StateDimensions { get; init; } = 8;

    /// <summary>Numbers per action the model returns (the manifest's <c>model_dimensions</c>).</summary>
    public int ActionDimensions { get; init; } = 8;

    /// <summary>Actions per chunk, H.</summary>
    public int ChunkLength { get; init; } = 10;

    /// <summary>Token width of both transformers.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Attention heads; must divide <see cref="Width"/>.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Transformer blocks of the observation encoder (the prefix, pi0's VLM).</summary>
    public int ObservationBlocks { get; init; } = 2;

    /// <summary>Transformer blocks of the action expert.</summary>
    public int ActionBlocks { get; init; } = 2;

    /// <summary>Image patches: (ImageSize / PatchSize)².</summary>
    public int PatchCount => (ImageSize / PatchSize) * (ImageSize / PatchSize);

    /// <summary>Context tokens: image patches, prompt tokens and one state token.</summary>
    public int ContextLength => PatchCount + PromptTokens + 1;

    /// <summary>Checks that the sizes fit together.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the patch does not tile the image or the heads do not divide the width.</exception>
    public void Validate()
    {
        foreach (var (value, name) in new[]
        {
            (ImageSize, nameof(ImageSize)), (PatchSize, nameof(PatchSize)), (PromptTokens, nameof(PromptTokens)),
            (StateDimensions, nameof(StateDimensions)), (ActionDimensions, nameof(ActionDimensions)), (ChunkLength, nameof(ChunkLength)),
            (Width, nameof(Width)), (Heads, nameof(Heads)), (ObservationBlocks, nameof(ObservationBlocks)), (ActionBlocks, nameof(ActionBlocks)),
        })
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        }

        if (ImageSize % PatchSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PatchSize), PatchSize, $"The patch size must divide the image size {ImageSize}.");
        }

        if (Width % Heads != 0 || Width % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"The heads must divide the width {Width}, which must be even (sine and cosine halves of the time embedding).");
        }
    }
}
