namespace RobotSdk.Policy.Tokenization;

/// <summary>The segmentation algorithm of a SentencePiece model (values are the model file's).</summary>
public enum SentencePieceModelType
{
    /// <summary>Unigram language model: the segmentation with the highest total piece score (Viterbi).</summary>
    Unigram = 1,

    /// <summary>Byte pair encoding: adjacent symbols merged greedily, highest piece score first.</summary>
    BytePairEncoding = 2,

    /// <summary>Whole words split at whitespace.</summary>
    Word = 3,

    /// <summary>One piece per character.</summary>
    Character = 4,
}
