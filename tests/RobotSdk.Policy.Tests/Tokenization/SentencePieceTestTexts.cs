namespace RobotSdk.Policy.Tests.Tokenization;

/// <summary>
/// The texts both tokenizers encode: every line of the training corpus plus edge cases (empty,
/// whitespace runs, tabs and newlines, digits, text NFKC folds, combining accents, scripts and
/// emoji the models have never seen, user-defined and control symbols written in the text) and
/// pseudo-random id lists to decode.
/// </summary>
internal static class SentencePieceTestTexts
{
    public static readonly string[] EdgeCases =
    [
        string.Empty, " ", "   ", "\t", "\n", "a", " leading space", "trailing space ", "  multiple   spaces  inside  ",
        "tab\tseparated\twords", "new\nline", "carriage\r\nreturn", "digits 0123456789 and 3.14159", "1000000",
        "１２３ full-width digits", "Ｐｉｃｋ ｕｐ ｔｈｅ ｃｕｂｅ", "ﬁnd the ﬂat ﬁle", "e\u0301 combining acute, cafe\u0301",
        "n\u0303 and a\u0308", "\u212B angstrom sign", "①②③ circled", "㎝ and ㎏", "‼ double bang", "⁇", "½ cup",
        "emoji 🤖🦾 robot arm", "🍎🍎🍎", "zero\u200bwidth space", "nbsp\u00a0space", "ideographic\u3000space",
        "soft\u00adhyphen", "<robot> pick up", "<robot><robot>", "cm cmcm 5cm", "<ctrl7> hi", "<start_of_turn>user",
        "<s> </s> <unk>", "\u2581 literal lower block", "  \u2581\u2581 mixed", "ÄÖÜ äöü ß ẞ", "Ελληνικά γράμματα",
        "русский текст", "עברית", "العربية", "हिन्दी", "ไทย", "ＡＢＣ ａｂｃ", "ｶﾀｶﾅ half-width katakana",
        "\u0000 null", "control\u0007bell", "\uFFFD replacement", "\uFEFF byte order mark",
        "pick up the red cube pick up the red cube pick up the red cube pick up the red cube",
        new string('a', 300), string.Concat(Enumerable.Repeat("🟥", 40)),
        "move 5 MM\u2192left\uFF01", "MMM\u2192\u2192 go 10 mm!", "eee", "llll", "ppppp", "ooooo", "sssss", "greeeeen yelllllow spoooon", "tttt \u2581\u2581\u2581\u2581\u2581 x",
        "PICK UP THE RED CUBE", "Pick Up The Red Cube", "pick  up  the  red  cube", " pick up the red cube ",
    ];

    /// <summary>Corpus lines, then edge cases.</summary>
    public static readonly string[] All = [.. CorpusLines(), .. EdgeCases];

    /// <summary>Id lists to decode; the peer wraps each id into a model's vocabulary (id mod size), and so do the tests.</summary>
    public static readonly int[][] IdLists = MakeIdLists();

    private static string[] CorpusLines() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Tokenization", "robot_instructions.txt"));

    private static int[][] MakeIdLists()
    {
        // A fixed linear congruential sequence: the same lists every run, no dependence on System.Random's algorithm.
        uint state = 12345;
        var lists = new int[60][];
        for (int list = 0; list < lists.Length; list++)
        {
            state = (state * 1664525) + 1013904223;
            var ids = new int[1 + (int)(state % 24)];
            for (int index = 0; index < ids.Length; index++)
            {
                state = (state * 1664525) + 1013904223;
                ids[index] = (int)(state >> 8);
            }

            lists[list] = ids;
        }

        return lists;
    }
}
