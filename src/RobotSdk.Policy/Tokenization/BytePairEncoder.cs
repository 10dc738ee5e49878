namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// SentencePiece's BPE segmentation: the text starts as characters (user-defined symbols whole and
/// frozen), then the adjacent pair whose concatenation is the highest-scoring vocabulary piece is
/// merged, leftmost first among equal scores, until no pair is a piece. A merged piece that is
/// unused is split back into the two symbols it was last merged from.
/// </summary>
internal sealed class BytePairEncoder : ISentencePieceEncoder
{
    private readonly SentencePieceVocabulary vocabulary;

    public BytePairEncoder(SentencePieceVocabulary vocabulary) => this.vocabulary = vocabulary;

    public void Encode(ReadOnlySpan<byte> normalized, List<EncodedPiece> output)
    {
        var symbols = new List<Symbol>(normalized.Length);
        for (int position = 0; position < normalized.Length;)
        {
            int length = vocabulary.MatchSymbol(normalized[position..], out bool frozen);
            int index = symbols.Count;
            int next = position + length < normalized.Length ? index + 1 : -1;
            symbols.Add(new Symbol(position, length, index - 1, next, frozen));
            position += length;
        }

        var agenda = new PriorityQueue<Candidate, Candidate>(CandidateOrder.Instance);
        Dictionary<int, (int LeftStart, int LeftLength, int RightStart, int RightLength)>? splits = null;
        for (int index = 1; index < symbols.Count; index++)
        {
            AddCandidate(normalized, symbols, agenda, ref splits, index - 1, index);
        }

        Span<Symbol> all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(symbols);
        while (agenda.TryDequeue(out Candidate top, out _))
        {
            ref Symbol left = ref all[top.Left];
            ref Symbol right = ref all[top.Right];

            // Stale: one side was merged away or grew since the pair was queued.
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != top.Length)
            {
                continue;
            }

            left.Length += right.Length;
            left.Next = right.Next;
            if (right.Next >= 0)
            {
                all[right.Next].Previous = top.Left;
            }

            right.Length = 0;
            AddCandidate(normalized, symbols, agenda, ref splits, left.Previous, top.Left);
            AddCandidate(normalized, symbols, agenda, ref splits, top.Left, left.Next);
            all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(symbols);
        }

        for (int index = 0; index != -1; index = symbols[index].Next)
        {
            Resegment(normalized, symbols[index].Start, symbols[index].Length, splits, output);
        }
    }

    private void AddCandidate(
        ReadOnlySpan<byte> normalized,
        List<Symbol> symbols,
        PriorityQueue<Candidate, Candidate> agenda,
        ref Dictionary<int, (int, int, int, int)>? splits,
        int left,
        int right)
    {
        if (left == -1 || right == -1 || symbols[left].Frozen || symbols[right].Frozen)
        {
            return;
        }

        Symbol leftSymbol = symbols[left];
        Symbol rightSymbol = symbols[right];
        int length = leftSymbol.Length + rightSymbol.Length;
        int id = vocabulary.Pieces.Find(normalized.Slice(leftSymbol.Start, length));
        if (id == PieceTrie.NoValue)
        {
            return;
        }

        var candidate = new Candidate(left, right, vocabulary.Scores[id], length);
        agenda.Enqueue(candidate, candidate);
        if (vocabulary.Types[id] == SentencePieceType.Unused)
        {
            // Keyed by id: a vocabulary piece's id stands for its text. The last queued split wins, as in SentencePiece.
            splits ??= [];
            splits[id] = (leftSymbol.Start, leftSymbol.Length, rightSymbol.Start, rightSymbol.Length);
        }
    }

    private void Resegment(ReadOnlySpan<byte> normalized, int start, int length, Dictionary<int, (int LeftStart, int LeftLength, int RightStart, int RightLength)>? splits, List<EncodedPiece> output)
    {
        int id = vocabulary.PieceToId(normalized.Slice(start, length));
        if (vocabulary.Types[id] != SentencePieceType.Unused || splits is null || !splits.TryGetValue(id, out var split))
        {
            output.Add(new EncodedPiece(start, length, id));
            return;
        }

        Resegment(normalized, split.LeftStart, split.LeftLength, splits, output);
        Resegment(normalized, split.RightStart, split.RightLength, splits, output);
    }

    private struct Symbol(int start, int length, int previous, int next, bool frozen)
    {
        public int Start = start;
        public int Length = length;
        public int Previous = previous;
        public int Next = next;
        public readonly bool Frozen = frozen;
    }

    private readonly record struct Candidate(int Left, int Right, float Score, int Length);

    /// <summary>Dequeues the highest score first, then the leftmost pair.</summary>
    private sealed class CandidateOrder : IComparer<Candidate>
    {
        public static readonly CandidateOrder Instance = new();

        public int Compare(Candidate x, Candidate y)
        {
            int byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : x.Left.CompareTo(y.Left);
        }
    }
}
