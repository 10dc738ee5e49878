namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// UTF-8 rules exactly as SentencePiece applies them. Its character length comes from the lead
/// byte alone (a stray continuation byte counts as one character), and its validity check accepts
/// a well-formed sequence of one to four bytes whose code point is not a surrogate, not above
/// U+10FFFF and not overlong; an invalid sequence is one byte long.
/// </summary>
internal static class SentencePieceUtf8
{
    /// <summary>U+FFFD, the replacement character, in UTF-8.</summary>
    public static ReadOnlySpan<byte> ReplacementCharacter => [0xEF, 0xBF, 0xBD];

    /// <summary>U+2581 (LOWER ONE EIGHTH BLOCK), SentencePiece's visible space, in UTF-8.</summary>
    public static ReadOnlySpan<byte> SpaceSymbol => [0xE2, 0x96, 0x81];

    /// <summary>The length of the character <paramref name="text"/> starts with, by its lead byte, never past the end.</summary>
    public static int CharacterLength(ReadOnlySpan<byte> text) => Math.Min(text.Length, LeadByteLength(text[0]));

    /// <summary>The length of a character by its lead byte: 1 for ASCII and stray continuation bytes, 2, 3 or 4 otherwise.</summary>
    public static int LeadByteLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    /// <summary>
    /// Whether <paramref name="text"/> starts with a valid character; <paramref name="length"/> is its
    /// length, or 1 when it is invalid. A literal U+FFFD counts as valid.
    /// </summary>
    public static bool IsValidCharacter(ReadOnlySpan<byte> text, out int length)
    {
        length = 1;
        byte lead = text[0];
        if (lead < 0x80)
        {
            return true;
        }

        if (text.Length >= 2 && (lead & 0xE0) == 0xC0)
        {
            int codePoint = ((lead & 0x1F) << 6) | (text[1] & 0x3F);
            if (IsTrailByte(text[1]) && codePoint >= 0x80 && IsValidCodePoint(codePoint))
            {
                length = 2;
                return true;
            }
        }
        else if (text.Length >= 3 && (lead & 0xF0) == 0xE0)
        {
            int codePoint = ((lead & 0x0F) << 12) | ((text[1] & 0x3F) << 6) | (text[2] & 0x3F);
            if (IsTrailByte(text[1]) && IsTrailByte(text[2]) && codePoint >= 0x800 && IsValidCodePoint(codePoint))
            {
                length = 3;
                return true;
            }
        }
        else if (text.Length >= 4 && (lead & 0xF8) == 0xF0)
        {
            int codePoint = ((lead & 0x07) << 18) | ((text[1] & 0x3F) << 12) | ((text[2] & 0x3F) << 6) | (text[3] & 0x3F);
            if (IsTrailByte(text[1]) && IsTrailByte(text[2]) && IsTrailByte(text[3]) && codePoint >= 0x10000 && IsValidCodePoint(codePoint))
            {
                length = 4;
                return true;
            }
        }

        return false;
    }

    private static bool IsTrailByte(byte value) => (value & 0xC0) == 0x80;

    private static bool IsValidCodePoint(int codePoint) => codePoint < 0xD800 || (codePoint >= 0xE000 && codePoint <= 0x10FFFF);
}
