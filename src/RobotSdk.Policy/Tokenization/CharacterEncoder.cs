namespace RobotSdk.Policy.Tokenization;

/// <summary>The character model: one piece per character, user-defined symbols whole.</summary>
internal sealed class CharacterEncoder : ISentencePieceEncoder
{
    private readonly SentencePieceVocabulary vocabulary;

    public CharacterEncoder(SentencePieceVocabulary vocabulary) => this.vocabulary = vocabulary;

    public void Encode(ReadOnlySpan<byte> normalized, List<EncodedPiece> output)
    {
        for (int position = 0; position < normalized.Length;)
        {
            int length = vocabulary.MatchSymbol(normalized[position..], out _);
            output.Add(new EncodedPiece(position, length, vocabulary.PieceToId(normalized.Slice(position, length))));
            position += length;
        }
    }
}
