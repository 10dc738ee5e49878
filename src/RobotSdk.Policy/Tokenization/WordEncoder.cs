namespace RobotSdk.Policy.Tokenization;

/// <summary>The word model: a new piece starts at the beginning and at every U+2581; each is looked up whole.</summary>
internal sealed class WordEncoder : ISentencePieceEncoder
{
    private readonly SentencePieceVocabulary vocabulary;

    public WordEncoder(SentencePieceVocabulary vocabulary) => this.vocabulary = vocabulary;

    public void Encode(ReadOnlySpan<byte> normalized, List<EncodedPiece> output)
    {
        int wordStart = 0;
        for (int position = 0; position < normalized.Length;)
        {
            int length = SentencePieceUtf8.CharacterLength(normalized[position..]);
            if (position > 0 && normalized.Slice(position, length).SequenceEqual(SentencePieceUtf8.SpaceSymbol))
            {
                AddWord(normalized, wordStart, position, output);
                wordStart = position;
            }

            position += length;
        }

        AddWord(normalized, wordStart, normalized.Length, output);
    }

    private void AddWord(ReadOnlySpan<byte> normalized, int start, int end, List<EncodedPiece> output) =>
        output.Add(new EncodedPiece(start, end - start, vocabulary.PieceToId(normalized[start..end])));
}
