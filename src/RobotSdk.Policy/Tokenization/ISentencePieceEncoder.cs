namespace RobotSdk.Policy.Tokenization;

/// <summary>One of SentencePiece's segmentation algorithms, applied to normalized UTF-8 text.</summary>
internal interface ISentencePieceEncoder
{
    /// <summary>Appends the pieces of <paramref name="normalized"/> (non-empty), in order and covering it, to <paramref name="output"/>.</summary>
    void Encode(ReadOnlySpan<byte> normalized, List<EncodedPiece> output);
}
