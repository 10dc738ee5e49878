namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// The trainer settings of a model file that encoding depends on (sentencepiece_model.proto's
/// TrainerSpec); defaults are the proto's. Training-only settings (split_digits and the like)
/// shape the vocabulary, not the encoder, and are not kept.
/// </summary>
internal sealed class SentencePieceTrainerSpec
{
    /// <summary>The default surface of an unknown piece when decoding: " ⁇ ".</summary>
    public const string DefaultUnknownSurface = " \u2047 ";

    public SentencePieceModelType ModelType { get; set; } = SentencePieceModelType.Unigram;

    public bool ByteFallback { get; set; }

    public bool TreatWhitespaceAsSuffix { get; set; }

    public int UnknownId { get; set; }

    public int BeginningOfSentenceId { get; set; } = 1;

    public int EndOfSentenceId { get; set; } = 2;

    public int PaddingId { get; set; } = -1;

    public string UnknownSurface { get; set; } = DefaultUnknownSurface;
}
