using System.Text;

namespace RobotSdk.Policy.Tokenization;

/// <summary>
/// A byte trie over pieces' UTF-8 text mapping each to its vocabulary id, in flat arrays: each
/// node's children are contiguous and sorted by label, found by binary search. Built once per
/// model; lookups allocate nothing.
/// </summary>
internal sealed class PieceTrie
{
    /// <summary>The value of a node that ends no piece.</summary>
    public const int NoValue = -1;

    private readonly int[] firstChild;
    private readonly short[] childCount;
    private readonly byte[] labels;
    private readonly int[] values;

    /// <summary>Builds the trie of <paramref name="pieces"/> (text and id); throws <see cref="InvalidDataException"/> naming a repeated text.</summary>
    public PieceTrie(IReadOnlyList<(byte[] Utf8, int Id)> pieces)
    {
        var sorted = pieces.ToArray();
        Array.Sort(sorted, static (x, y) =>
        {
            int byText = x.Utf8.AsSpan().SequenceCompareTo(y.Utf8);
            return byText != 0 ? byText : x.Id.CompareTo(y.Id);
        });
        for (int index = 1; index < sorted.Length; index++)
        {
            if (sorted[index].Utf8.AsSpan().SequenceEqual(sorted[index - 1].Utf8))
            {
                throw new InvalidDataException($"Piece {sorted[index].Id} \"{Encoding.UTF8.GetString(sorted[index].Utf8)}\" is already defined (piece {sorted[index - 1].Id}).");
            }
        }

        // At most one node per key byte, plus the root.
        int capacity = 1 + sorted.Sum(piece => piece.Utf8.Length);
        var firstChildList = new List<int>(capacity) { 0 };
        var childCountList = new List<short>(capacity) { 0 };
        var labelList = new List<byte>(capacity) { 0 };
        var valueList = new List<int>(capacity) { NoValue };
        // Breadth first: each node owns the sorted range of keys below it and the depth of its label.
        var pending = new Queue<(int Node, int Low, int High, int Depth)>();
        pending.Enqueue((0, 0, sorted.Length, 0));
        while (pending.Count > 0)
        {
            (int node, int low, int high, int depth) = pending.Dequeue();
            if (low < high && sorted[low].Utf8.Length == depth)
            {
                valueList[node] = sorted[low].Id;
                low++;
            }

            firstChildList[node] = labelList.Count;
            int children = 0;
            int start = low;
            while (start < high)
            {
                byte label = sorted[start].Utf8[depth];
                int end = start + 1;
                while (end < high && sorted[end].Utf8[depth] == label)
                {
                    end++;
                }

                int child = labelList.Count;
                firstChildList.Add(0);
                childCountList.Add(0);
                labelList.Add(label);
                valueList.Add(NoValue);
                pending.Enqueue((child, start, end, depth + 1));
                children++;
                start = end;
            }

            childCountList[node] = (short)children;
        }

        firstChild = [.. firstChildList];
        childCount = [.. childCountList];
        labels = [.. labelList];
        values = [.. valueList];
    }

    /// <summary>The root node, where every walk starts.</summary>
    public static int Root => 0;

    /// <summary>The child of <paramref name="node"/> along <paramref name="label"/>, or -1 when there is none.</summary>
    public int Child(int node, byte label)
    {
        int low = firstChild[node];
        int high = low + childCount[node] - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            byte found = labels[middle];
            if (found == label)
            {
                return middle;
            }

            if (found < label)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>The id of the piece ending at <paramref name="node"/>, or <see cref="NoValue"/>.</summary>
    public int Value(int node) => values[node];

    /// <summary>The id of the piece whose text is exactly <paramref name="key"/>, or <see cref="NoValue"/>.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        int node = Root;
        foreach (byte label in key)
        {
            node = Child(node, label);
            if (node < 0)
            {
                return NoValue;
            }
        }

        return values[node];
    }

    /// <summary>The length of the longest piece that <paramref name="text"/> starts with, or 0.</summary>
    public int LongestPrefixLength(ReadOnlySpan<byte> text)
    {
        int node = Root;
        int longest = 0;
        for (int position = 0; position < text.Length; position++)
        {
            node = Child(node, text[position]);
            if (node < 0)
            {
                break;
            }

            if (values[node] != NoValue)
            {
                longest = position + 1;
            }
        }

        return longest;
    }
}
