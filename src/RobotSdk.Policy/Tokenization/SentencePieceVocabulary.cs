using System.Globalization;
using System.Text;

namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// The pieces of a model and their lookups, checked as SentencePiece checks them when it loads a
/// model: normal, user-defined and unused pieces form the vocabulary the encoders search; unknown,
/// control and byte pieces are reserved and only found by exact lookup, which prefers them.
/// Exactly one unknown piece; with byte fallback all 256 byte pieces <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c>.
/// </summary>
internal sealed class SentencePieceVocabulary
{
    private readonly int[] byteIds = new int[256];

    public SentencePieceVocabulary(IReadOnlyList<SentencePieceEntry> entries, bool byteFallback)
    {
        Entries = entries;
        Scores = entries.Select(entry => entry.Score).ToArray();
        Types = entries.Select(entry => entry.Type).ToArray();
        var normal = new List<(byte[], int)>();
        var reserved = new List<(byte[], int)>();
        var userDefined = new List<(byte[], int)>();
        bool[] bytesFound = new bool[256];
        UnknownId = -1;
        for (int id = 0; id < entries.Count; id++)
        {
            SentencePieceEntry entry = entries[id];
            bool isNormal = entry.Type is SentencePieceType.Normal or SentencePieceType.UserDefined or SentencePieceType.Unused;
            (isNormal ? normal : reserved).Add((entry.Utf8, id));
            switch (entry.Type)
            {
                case SentencePieceType.UserDefined:
                    userDefined.Add((entry.Utf8, id));
                    break;
                case SentencePieceType.Unknown:
                    if (UnknownId >= 0)
                    {
                        throw new InvalidDataException($"Piece {id} \"{entry.Text}\" is a second unknown piece; piece {UnknownId} is already the unknown piece.");
                    }

                    UnknownId = id;
                    break;
                case SentencePieceType.Byte:
                    if (!byteFallback)
                    {
                        throw new InvalidDataException($"Byte piece {id} \"{entry.Text}\" is present although byte_fallback is false.");
                    }

                    int value = PieceToByte(entry.Text);
                    if (value < 0)
                    {
                        throw new InvalidDataException($"Byte piece {id} \"{entry.Text}\" is not of the form <0xNN>.");
                    }

                    bytesFound[value] = true;
                    break;
            }
        }

        if (UnknownId < 0)
        {
            throw new InvalidDataException("The model defines no unknown piece (type UNKNOWN).");
        }

        int missing = Array.IndexOf(bytesFound, false);
        if (byteFallback && missing >= 0)
        {
            throw new InvalidDataException($"byte_fallback is true but the byte piece <0x{missing:X2}> is missing; all 256 are required.");
        }

        // The tries reject a text repeated among vocabulary pieces or among reserved pieces, as SentencePiece does.
        Pieces = new PieceTrie(normal);
        Reserved = new PieceTrie(reserved);
        UserDefinedSymbols = userDefined.Count == 0 ? null : new PieceTrie(userDefined);
        for (int value = 0; value < 256; value++)
        {
            byteIds[value] = PieceToId(Encoding.ASCII.GetBytes(ByteToPiece((byte)value)));
        }
    }

    public IReadOnlyList<SentencePieceEntry> Entries { get; }

    public int UnknownId { get; }

    /// <summary>Each piece's score, by id.</summary>
    public float[] Scores { get; }

    /// <summary>Each piece's type, by id.</summary>
    public SentencePieceType[] Types { get; }

    /// <summary>Normal, user-defined and unused pieces.</summary>
    public PieceTrie Pieces { get; }

    /// <summary>Unknown, control and byte pieces.</summary>
    public PieceTrie Reserved { get; }

    /// <summary>User-defined symbols, or null when the model has none.</summary>
    public PieceTrie? UserDefinedSymbols { get; }

    /// <summary>The text of the byte piece for <paramref name="value"/>, <c>&lt;0xNN&gt;</c> in upper-case hex.</summary>
    public static string ByteToPiece(byte value) => string.Create(CultureInfo.InvariantCulture, $"<0x{value:X2}>");

    /// <summary>The byte a <c>&lt;0xNN&gt;</c> piece stands for (upper-case hex only), or -1.</summary>
    public static int PieceToByte(string piece)
    {
        if (piece.Length != 6 || !piece.StartsWith("<0x", StringComparison.Ordinal) || piece[5] != '>')
        {
            return -1;
        }

        int high = HexDigit(piece[3]);
        int low = HexDigit(piece[4]);
        return high < 0 || low < 0 ? -1 : (high << 4) | low;
    }

    /// <summary>The id of the piece with this text: reserved pieces first, then the vocabulary, else the unknown id.</summary>
    public int PieceToId(ReadOnlySpan<byte> utf8)
    {
        int id = Reserved.Find(utf8);
        if (id != PieceTrie.NoValue)
        {
            return id;
        }

        id = Pieces.Find(utf8);
        return id != PieceTrie.NoValue ? id : UnknownId;
    }

    /// <summary>The id byte fallback emits for <paramref name="value"/>.</summary>
    public int ByteId(byte value) => byteIds[value];

    /// <summary>
    /// The length of the symbol <paramref name="text"/> starts with: the longest user-defined symbol
    /// there (<paramref name="isUserDefined"/> true), else one character.
    /// </summary>
    public int MatchSymbol(ReadOnlySpan<byte> text, out bool isUserDefined)
    {
        int length = UserDefinedSymbols?.LongestPrefixLength(text) ?? 0;
        isUserDefined = length > 0;
        return isUserDefined ? length : SentencePieceUtf8.CharacterLength(text);
    }

    private static int HexDigit(char digit) => digit switch
    {
        >= '0' and <= '9' => digit - '0',
        >= 'A' and <= 'F' => digit - 'A' + 10,
        _ => -1,
    };
}
