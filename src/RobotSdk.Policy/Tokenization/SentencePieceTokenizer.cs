using System.Text;

namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// A SentencePiece tokenizer read from a <c>.model</c> file, encoding text to ids and decoding ids
/// to text as SentencePiece 0.1.97 does: its normalizer (precompiled character map, whitespace
/// handling, dummy prefix, U+2581 escaping), its unigram, BPE, word and character segmentations,
/// user-defined symbols, byte fallback to <c>&lt;0xNN&gt;</c> pieces and its unknown-piece rules.
/// Immutable after loading; safe to use from several threads at once.
/// </summary>
/// <remarks>
/// Text is converted to UTF-8 first; an unpaired surrogate in a .NET string becomes U+FFFD there
/// (Python cannot pass such a string to SentencePiece at all). The processor's sampling,
/// n-best and extra-option features are not implemented.
/// </remarks>
public sealed class SentencePieceTokenizer
{
    private readonly SentencePieceModelProto model;
    private readonly SentencePieceVocabulary vocabulary;
    private readonly SentencePieceNormalizer normalizer;
    private readonly SentencePieceNormalizer? denormalizer;
    private readonly ISentencePieceEncoder encoder;

    private SentencePieceTokenizer(SentencePieceModelProto model)
    {
        this.model = model;
        vocabulary = new SentencePieceVocabulary(model.Pieces, model.TrainerSpec.ByteFallback);
        normalizer = new SentencePieceNormalizer(model.NormalizerSpec, model.TrainerSpec.TreatWhitespaceAsSuffix, vocabulary.UserDefinedSymbols);
        if (model.DenormalizerSpec is { PrecompiledCharsmap.Length: > 0 } denormalizerSpec)
        {
            denormalizer = new SentencePieceNormalizer(denormalizerSpec, treatWhitespaceAsSuffix: false, userDefinedSymbols: null);
        }

        encoder = model.TrainerSpec.ModelType switch
        {
            SentencePieceModelType.Unigram => new UnigramEncoder(vocabulary),
            SentencePieceModelType.BytePairEncoding => new BytePairEncoder(vocabulary),
            SentencePieceModelType.Word => new WordEncoder(vocabulary),
            _ => new CharacterEncoder(vocabulary),
        };
    }

    /// <summary>The segmentation algorithm.</summary>
    public SentencePieceModelType ModelType => model.TrainerSpec.ModelType;

    /// <summary>The normalization rule's name (<c>nmt_nfkc</c>, <c>identity</c>, ...), as the file records it.</summary>
    public string NormalizerName => model.NormalizerSpec.Name;

    /// <summary>Whether text no piece covers is encoded as its UTF-8 bytes (<c>&lt;0xNN&gt;</c> pieces) instead of the unknown piece.</summary>
    public bool ByteFallback => model.TrainerSpec.ByteFallback;

    /// <summary>The number of pieces; ids run from 0 to this minus one.</summary>
    public int VocabularySize => model.Pieces.Count;

    /// <summary>The id of the unknown piece.</summary>
    public int UnknownId => vocabulary.UnknownId;

    /// <summary>The id of the beginning-of-sentence piece (<c>&lt;s&gt;</c>), or -1 when the model has none.</summary>
    public int BeginningOfSentenceId => model.TrainerSpec.BeginningOfSentenceId;

    /// <summary>The id of the end-of-sentence piece (<c>&lt;/s&gt;</c>), or -1 when the model has none.</summary>
    public int EndOfSentenceId => model.TrainerSpec.EndOfSentenceId;

    /// <summary>The id of the padding piece, or -1 when the model has none.</summary>
    public int PaddingId => model.TrainerSpec.PaddingId;

    /// <summary>Reads a model file.</summary>
    /// <exception cref="SentencePieceModelException">The file is not a readable, consistent SentencePiece model; the message names the defect and its byte offset.</exception>
    public static SentencePieceTokenizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromModel(File.ReadAllBytes(path), $"'{path}'");
    }

    /// <summary>Reads a model from the bytes of a model file.</summary>
    /// <exception cref="SentencePieceModelException">The bytes are not a readable, consistent SentencePiece model.</exception>
    public static SentencePieceTokenizer FromBytes(ReadOnlySpan<byte> modelFile) => FromModel(modelFile, "The data");

    /// <summary>The ids of <paramref name="text"/>, optionally between the beginning- and end-of-sentence ids.</summary>
    /// <exception cref="InvalidOperationException">A beginning or end of sentence was asked for, but the model has no such piece.</exception>
    public int[] Encode(string text, bool addBeginningOfSentence = false, bool addEndOfSentence = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length + 2);
        if (addBeginningOfSentence)
        {
            ids.Add(RequireId(BeginningOfSentenceId, "beginning-of-sentence"));
        }

        Encode(text, ids, pieces: null);
        if (addEndOfSentence)
        {
            ids.Add(RequireId(EndOfSentenceId, "end-of-sentence"));
        }

        return [.. ids];
    }

    /// <summary>The pieces of <paramref name="text"/> as text (byte-fallback pieces as <c>&lt;0xNN&gt;</c>, runs of unknown text as one piece).</summary>
    public string[] EncodeToPieces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        Encode(text, new List<int>(), pieces);
        return [.. pieces];
    }

    /// <summary>
    /// The text of <paramref name="ids"/>: U+2581 back to spaces (the dummy prefix removed), control
    /// pieces dropped, the unknown piece as its surface (" ⁇ " by default), runs of byte pieces as
    /// UTF-8 with each malformed byte as U+FFFD.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in the vocabulary.</exception>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new List<byte>();
        int byteStart = 0;
        bool atBeginning = true;
        bool beginningSpaceSeen = false;
        var resolved = new int[ids.Length];
        for (int index = 0; index < ids.Length; index++)
        {
            int id = ids[index];
            if ((uint)id >= (uint)VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Id at index {index} is outside the vocabulary [0, {VocabularySize}).");
            }

            // SentencePiece decodes through the pieces' texts, so it looks each id up again by text.
            resolved[index] = vocabulary.PieceToId(model.Pieces[id].Utf8);
        }

        for (int index = 0; index < resolved.Length; index++)
        {
            int id = resolved[index];
            if (vocabulary.Types[id] == SentencePieceType.Byte)
            {
                continue;
            }

            AppendBytePieces(resolved.AsSpan(byteStart, index - byteStart), text);
            if (beginningSpaceSeen || text.Count > 0)
            {
                atBeginning = false;
            }

            byteStart = index + 1;
            beginningSpaceSeen = AppendPiece(id, atBeginning, text);
        }

        AppendBytePieces(resolved.AsSpan(byteStart), text);
        if (denormalizer is not null)
        {
            var denormalized = new List<byte>(text.Count);
            denormalizer.Normalize(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(text), denormalized);
            text = denormalized;
        }

        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(text));
    }

    /// <summary>The id of the piece with this text, or <see cref="UnknownId"/> when there is none.</summary>
    public int PieceToId(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        return vocabulary.PieceToId(Encoding.UTF8.GetBytes(piece));
    }

    /// <summary>The text of piece <paramref name="id"/>.</summary>
    public string IdToPiece(int id) => Entry(id).Text;

    /// <summary>The type of piece <paramref name="id"/>.</summary>
    public SentencePieceType GetPieceType(int id) => Entry(id).Type;

    /// <summary>The score of piece <paramref name="id"/> (a log probability for unigram models, a merge priority for BPE).</summary>
    public float GetScore(int id) => Entry(id).Score;

    private static SentencePieceTokenizer FromModel(ReadOnlySpan<byte> modelFile, string source)
    {
        SentencePieceTokenizer tokenizer;
        try
        {
            SentencePieceModelProto model = SentencePieceModelProto.Parse(modelFile);
            if (model.Pieces.Count == 0)
            {
                throw new InvalidDataException($"it has no pieces ({modelFile.Length} bytes read); it is not a SentencePiece model.");
            }

            tokenizer = new SentencePieceTokenizer(model);
        }
        catch (InvalidDataException exception)
        {
            throw new SentencePieceModelException($"{source} is not a valid SentencePiece model: {exception.Message}", exception);
        }

        tokenizer.RunSelfTest(source);
        return tokenizer;
    }

    private static int RequireId(int id, string name) =>
        id >= 0 ? id : throw new InvalidOperationException($"The model has no {name} piece (its id is {id}).");

    private void Encode(string text, List<int> ids, List<string>? pieces)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var normalized = new List<byte>(utf8.Length + 8);
        normalizer.Normalize(utf8, normalized);
        if (normalized.Count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(normalized);
        var encoded = new List<EncodedPiece>();
        encoder.Encode(span, encoded);
        bool previousIsUnknown = false;
        foreach (EncodedPiece piece in encoded)
        {
            ReadOnlySpan<byte> pieceBytes = span.Slice(piece.Start, piece.Length);
            bool isUnknown = vocabulary.Types[piece.Id] == SentencePieceType.Unknown;
            if (isUnknown && ByteFallback)
            {
                foreach (byte value in pieceBytes)
                {
                    ids.Add(vocabulary.ByteId(value));
                    pieces?.Add(SentencePieceVocabulary.ByteToPiece(value));
                }
            }
            else if (isUnknown && previousIsUnknown)
            {
                // SentencePiece merges a run of unknown pieces into one.
                if (pieces is not null)
                {
                    pieces[^1] += Encoding.UTF8.GetString(pieceBytes);
                }
            }
            else
            {
                ids.Add(piece.Id);
                pieces?.Add(Encoding.UTF8.GetString(pieceBytes));
            }

            previousIsUnknown = isUnknown;
        }
    }

    private bool AppendPiece(int id, bool atBeginning, List<byte> text)
    {
        SentencePieceType type = vocabulary.Types[id];
        if (type == SentencePieceType.Control)
        {
            return false;
        }

        if (type == SentencePieceType.Unknown)
        {
            text.AddRange(Encoding.UTF8.GetBytes(model.TrainerSpec.UnknownSurface));
            return false;
        }

        ReadOnlySpan<byte> piece = model.Pieces[id].Utf8;
        bool consumedSpace = false;
        SentencePieceNormalizerSpec spec = model.NormalizerSpec;
        if (atBeginning && (spec.AddDummyPrefix || spec.RemoveExtraWhitespaces) && piece.StartsWith(SentencePieceUtf8.SpaceSymbol))
        {
            piece = piece[SentencePieceUtf8.SpaceSymbol.Length..];

            // Removing extra whitespace removes every leading space, so the next piece may start with one too.
            consumedSpace = !spec.RemoveExtraWhitespaces;
        }

        while (!piece.IsEmpty)
        {
            if (piece.StartsWith(SentencePieceUtf8.SpaceSymbol))
            {
                text.Add((byte)' ');
                piece = piece[SentencePieceUtf8.SpaceSymbol.Length..];
            }
            else
            {
                text.Add(piece[0]);
                piece = piece[1..];
            }
        }

        return consumedSpace;
    }

    private void AppendBytePieces(ReadOnlySpan<int> ids, List<byte> text)
    {
        if (ids.IsEmpty)
        {
            return;
        }

        Span<byte> bytes = ids.Length <= 256 ? stackalloc byte[ids.Length] : new byte[ids.Length];
        for (int index = 0; index < ids.Length; index++)
        {
            bytes[index] = (byte)SentencePieceVocabulary.PieceToByte(model.Pieces[ids[index]].Text);
        }

        for (int offset = 0; offset < bytes.Length;)
        {
            if (SentencePieceUtf8.IsValidCharacter(bytes[offset..], out int length))
            {
                text.AddRange(bytes.Slice(offset, length));
            }
            else
            {
                text.AddRange(SentencePieceUtf8.ReplacementCharacter);
            }

            offset += length;
        }
    }

    private void RunSelfTest(string source)
    {
        foreach ((string input, string expected) in model.SelfTestSamples)
        {
            string actual = string.Join(' ', EncodeToPieces(input));
            if (actual != expected)
            {
                throw new SentencePieceModelException($"{source} failed its own self-test: \"{input}\" encodes to \"{actual}\", the file expects \"{expected}\".");
            }
        }
    }

    private SentencePieceEntry Entry(int id)
    {
        if ((uint)id >= (uint)VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"The vocabulary has ids 0 to {VocabularySize - 1}.");
        }

        return model.Pieces[id];
    }
}
