namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// The normalizer settings of a model file (sentencepiece_model.proto's NormalizerSpec); defaults
/// are the proto's. The precompiled character map holds the whole normalization rule (nmt_nfkc,
/// nfkc, their case-folding variants or a custom table); it is empty for <c>identity</c>.
/// </summary>
internal sealed class SentencePieceNormalizerSpec
{
    public string Name { get; set; } = string.Empty;

    public byte[] PrecompiledCharsmap { get; set; } = [];

    public bool AddDummyPrefix { get; set; } = true;

    public bool RemoveExtraWhitespaces { get; set; } = true;

    public bool EscapeWhitespaces { get; set; } = true;
}
