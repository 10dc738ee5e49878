namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// SentencePiece's normalizer on UTF-8: user-defined symbols pass through untouched, the
/// precompiled character map rewrites the longest matching prefix (nothing to rewrite for
/// <c>identity</c>), malformed bytes become U+FFFD one at a time; then, as the spec says, leading,
/// trailing and repeated spaces are removed, a dummy space is put before (or, with whitespace as
/// suffix, after) the text, and spaces are escaped to U+2581.
/// </summary>
internal sealed class SentencePieceNormalizer
{
    private const byte Space = (byte)' ';

    private readonly SentencePieceNormalizerSpec spec;
    private readonly bool treatWhitespaceAsSuffix;
    private readonly PrecompiledCharsmap? charsmap;
    private readonly PieceTrie? userDefinedSymbols;

    public SentencePieceNormalizer(SentencePieceNormalizerSpec spec, bool treatWhitespaceAsSuffix, PieceTrie? userDefinedSymbols)
    {
        this.spec = spec;
        this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
        this.userDefinedSymbols = userDefinedSymbols;
        charsmap = spec.PrecompiledCharsmap.Length == 0 ? null : PrecompiledCharsmap.Parse(spec.PrecompiledCharsmap);
    }

    /// <summary>Appends the normalized form of <paramref name="input"/> to <paramref name="output"/>.</summary>
    public void Normalize(ReadOnlySpan<byte> input, List<byte> output)
    {
        if (input.IsEmpty)
        {
            return;
        }

        if (spec.RemoveExtraWhitespaces)
        {
            while (!input.IsEmpty)
            {
                int consumed = NormalizePrefix(input, out ReadOnlySpan<byte> normalized);
                if (normalized.Length != 1 || normalized[0] != Space)
                {
                    break;
                }

                input = input[consumed..];
            }

            if (input.IsEmpty)
            {
                return;
            }
        }

        int start = output.Count;
        if (!treatWhitespaceAsSuffix && spec.AddDummyPrefix)
        {
            AddWhitespace(output);
        }

        bool previousIsSpace = spec.RemoveExtraWhitespaces;
        while (!input.IsEmpty)
        {
            int consumed = NormalizePrefix(input, out ReadOnlySpan<byte> normalized);
            while (previousIsSpace && !normalized.IsEmpty && normalized[0] == Space)
            {
                normalized = normalized[1..];
            }

            if (!normalized.IsEmpty)
            {
                foreach (byte value in normalized)
                {
                    if (spec.EscapeWhitespaces && value == Space)
                    {
                        AddSpaceSymbol(output);
                    }
                    else
                    {
                        output.Add(value);
                    }
                }

                previousIsSpace = normalized[^1] == Space;
            }

            input = input[consumed..];
            if (!spec.RemoveExtraWhitespaces)
            {
                previousIsSpace = false;
            }
        }

        if (spec.RemoveExtraWhitespaces)
        {
            ReadOnlySpan<byte> space = spec.EscapeWhitespaces ? SentencePieceUtf8.SpaceSymbol : [Space];
            while (output.Count - start >= space.Length && EndsWith(output, space))
            {
                output.RemoveRange(output.Count - space.Length, space.Length);
            }
        }

        if (treatWhitespaceAsSuffix && spec.AddDummyPrefix)
        {
            AddWhitespace(output);
        }
    }

    /// <summary>How many input bytes the next rule consumes, and what it writes.</summary>
    private int NormalizePrefix(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> normalized)
    {
        if (userDefinedSymbols is not null)
        {
            int symbolLength = userDefinedSymbols.LongestPrefixLength(input);
            if (symbolLength > 0)
            {
                normalized = input[..symbolLength];
                return symbolLength;
            }
        }

        if (charsmap is not null)
        {
            int ruleLength = charsmap.MatchLongestPrefix(input, out normalized);
            if (ruleLength > 0)
            {
                return ruleLength;
            }
        }

        if (SentencePieceUtf8.IsValidCharacter(input, out int length))
        {
            normalized = input[..length];
            return length;
        }

        normalized = SentencePieceUtf8.ReplacementCharacter;
        return 1;
    }

    private static bool EndsWith(List<byte> output, ReadOnlySpan<byte> suffix)
    {
        int offset = output.Count - suffix.Length;
        for (int index = 0; index < suffix.Length; index++)
        {
            if (output[offset + index] != suffix[index])
            {
                return false;
            }
        }

        return true;
    }

    private static void AddSpaceSymbol(List<byte> output)
    {
        foreach (byte value in SentencePieceUtf8.SpaceSymbol)
        {
            output.Add(value);
        }
    }

    private void AddWhitespace(List<byte> output)
    {
        if (spec.EscapeWhitespaces)
        {
            AddSpaceSymbol(output);
        }
        else
        {
            output.Add(Space);
        }
    }
}
