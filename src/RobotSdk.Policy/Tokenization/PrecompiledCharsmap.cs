using System.Buffers.Binary;

namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// SentencePiece's precompiled normalization rules: a little-endian uint32 trie size, a
/// darts-clone double-array trie of that many bytes keyed by UTF-8 input, then the replacement
/// strings, each ended by a zero byte, that the trie's values point into. Normalizing a prefix
/// takes the longest key that matches it.
/// </summary>
/// <remarks>
/// A double-array unit is a uint32: bit 8 says the node has a leaf (a value child), bits 0-7 (and
/// bit 31) hold the label, the value of a leaf is the low 31 bits, and the offset to the children
/// is <c>(unit &gt;&gt; 10) &lt;&lt; ((unit &amp; (1 &lt;&lt; 9)) &gt;&gt; 6)</c>; a child's index is the parent's
/// index XOR offset XOR label.
/// </remarks>
internal sealed class PrecompiledCharsmap
{
    private readonly uint[] units;
    private readonly byte[] replacements;

    private PrecompiledCharsmap(uint[] units, byte[] replacements)
    {
        this.units = units;
        this.replacements = replacements;
    }

    /// <summary>Splits and checks the blob; throws <see cref="InvalidDataException"/> when its sizes are inconsistent.</summary>
    public static PrecompiledCharsmap Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.Length <= 4)
        {
            throw new InvalidDataException($"The precompiled_charsmap is {blob.Length} bytes, too short to hold its trie size.");
        }

        uint trieSize = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        if (trieSize >= (uint)blob.Length)
        {
            throw new InvalidDataException($"The precompiled_charsmap's trie size {trieSize} exceeds its {blob.Length}-byte blob.");
        }

        if (trieSize % 4 != 0 || trieSize == 0)
        {
            throw new InvalidDataException($"The precompiled_charsmap's trie size {trieSize} is not a positive multiple of 4 bytes.");
        }

        var units = new uint[trieSize / 4];
        for (int index = 0; index < units.Length; index++)
        {
            units[index] = BinaryPrimitives.ReadUInt32LittleEndian(blob[(4 + (index * 4))..]);
        }

        return new PrecompiledCharsmap(units, blob[(4 + (int)trieSize)..].ToArray());
    }

    /// <summary>
    /// The longest rule matching the start of <paramref name="input"/>: its key length and
    /// replacement, or 0 when no rule matches.
    /// </summary>
    public int MatchLongestPrefix(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> replacement)
    {
        replacement = default;
        int longestLength = 0;
        int longestValue = 0;
        uint index = Offset(Unit(0));
        for (int position = 0; position < input.Length; position++)
        {
            byte label = input[position];
            index ^= label;
            uint unit = Unit(index);
            if (Label(unit) != label)
            {
                break;
            }

            index ^= Offset(unit);
            if (HasLeaf(unit))
            {
                // Keys are visited shortest first, so the last leaf is the longest rule.
                longestLength = position + 1;
                longestValue = (int)(Unit(index) & 0x7FFF_FFFF);
            }
        }

        if (longestLength == 0)
        {
            return 0;
        }

        if (longestValue >= replacements.Length)
        {
            throw new InvalidDataException($"The precompiled_charsmap points at replacement offset {longestValue}, past its {replacements.Length} bytes of replacements.");
        }

        ReadOnlySpan<byte> rest = replacements.AsSpan(longestValue);
        int end = rest.IndexOf((byte)0);
        replacement = end < 0 ? rest : rest[..end];
        return longestLength;
    }

    private static uint Label(uint unit) => unit & (0x8000_0000u | 0xFFu);

    private static bool HasLeaf(uint unit) => ((unit >> 8) & 1) == 1;

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);

    private uint Unit(uint index)
    {
        if (index >= (uint)units.Length)
        {
            throw new InvalidDataException($"The precompiled_charsmap's trie refers to unit {index}, past its {units.Length} units.");
        }

        return units[index];
    }
}
