namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// The unigram model's Viterbi segmentation as SentencePiece's optimized encoder computes it: for
/// each character position the best-scoring path ending there, extended by every vocabulary piece
/// starting there. Unused pieces are skipped; a user-defined symbol scores its byte length times
/// the highest normal score, minus 0.1, so it always wins; a character no piece covers becomes the
/// unknown piece at the lowest normal score minus 10.
/// </summary>
/// <remarks>
/// The arithmetic follows SentencePiece's types, because ties decide segmentations: path scores are
/// stored as float, a candidate through a vocabulary piece is summed and compared in double, one
/// through the unknown piece in float. The highest normal score starts at FLT_MIN (the smallest
/// positive normal float), so it stays positive when all scores are negative.
/// </remarks>
internal sealed class UnigramEncoder : ISentencePieceEncoder
{
    private const float UnknownPenalty = 10.0f;

    private readonly SentencePieceVocabulary vocabulary;
    private readonly float maximumScore;
    private readonly float unknownScore;

    public UnigramEncoder(SentencePieceVocabulary vocabulary)
    {
        this.vocabulary = vocabulary;
        float minimumScore = float.MaxValue;
        float maximum = BitConverter.Int32BitsToSingle(0x0080_0000);
        foreach (SentencePieceEntry entry in vocabulary.Entries)
        {
            if (entry.Type == SentencePieceType.Normal)
            {
                minimumScore = Math.Min(minimumScore, entry.Score);
                maximum = Math.Max(maximum, entry.Score);
            }
        }

        maximumScore = maximum;
        unknownScore = minimumScore - UnknownPenalty;
    }

    public void Encode(ReadOnlySpan<byte> normalized, List<EncodedPiece> output)
    {
        int size = normalized.Length;
        var bestScore = new float[size + 1];
        var bestStart = new int[size + 1];
        var bestId = new int[size + 1];
        Array.Fill(bestStart, -1);
        PieceTrie pieces = vocabulary.Pieces;

        int start = 0;
        while (start < size)
        {
            float scoreUntilHere = bestScore[start];
            bool hasSingleCharacterPiece = false;
            int characterLength = SentencePieceUtf8.CharacterLength(normalized[start..]);
            int node = PieceTrie.Root;
            for (int end = start + 1; end <= size; end++)
            {
                node = pieces.Child(node, normalized[end - 1]);
                if (node < 0)
                {
                    break;
                }

                int id = pieces.Value(node);
                if (id == PieceTrie.NoValue)
                {
                    continue;
                }

                SentencePieceType type = vocabulary.Types[id];
                if (type == SentencePieceType.Unused)
                {
                    continue;
                }

                int length = end - start;
                double score = type == SentencePieceType.UserDefined
                    ? (double)(length * maximumScore) - 0.1
                    : vocabulary.Scores[id];
                double candidate = score + scoreUntilHere;
                if (bestStart[end] == -1 || candidate > bestScore[end])
                {
                    bestScore[end] = (float)candidate;
                    bestStart[end] = start;
                    bestId[end] = id;
                }

                if (length == characterLength)
                {
                    hasSingleCharacterPiece = true;
                }
            }

            if (!hasSingleCharacterPiece)
            {
                int end = start + characterLength;
                float candidate = unknownScore + scoreUntilHere;
                if (bestStart[end] == -1 || candidate > bestScore[end])
                {
                    bestScore[end] = candidate;
                    bestStart[end] = start;
                    bestId[end] = vocabulary.UnknownId;
                }
            }

            start += characterLength;
        }

        int first = output.Count;
        for (int end = size; end > 0; end = bestStart[end])
        {
            output.Add(new EncodedPiece(bestStart[end], end - bestStart[end], bestId[end]));
        }

        output.Reverse(first, output.Count - first);
    }
}
