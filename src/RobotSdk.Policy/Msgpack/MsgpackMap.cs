namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// A decoded msgpack map, entries in wire order. Keys are what the reader produced: a
/// <see cref="string"/> for msgpack str keys (ordinary keys such as <c>"actions"</c>), a
/// <see cref="byte"/> array for bin keys, or another scalar. Look-ups by string match str keys only,
/// look-ups by bytes match bin keys only, as Python's <c>dict</c> tells <c>"a"</c> from <c>b"a"</c>.
/// </summary>
public sealed class MsgpackMap
{
    private readonly KeyValuePair<object, object?>[] entries;
    private readonly Dictionary<string, int> stringKeys;

    /// <summary>Creates a map from its entries.</summary>
    /// <exception cref="ArgumentException">Two entries share a string key.</exception>
    public MsgpackMap(IEnumerable<KeyValuePair<object, object?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [.. entries];
        stringKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int index = 0; index < this.entries.Length; index++)
        {
            if (this.entries[index].Key is string key && !stringKeys.TryAdd(key, index))
            {
                throw new ArgumentException($"The map has the key \"{key}\" twice.", nameof(entries));
            }
        }
    }

    /// <summary>Number of entries.</summary>
    public int Count => entries.Length;

    /// <summary>The entries in wire order.</summary>
    public IReadOnlyList<KeyValuePair<object, object?>> Entries => entries;

    /// <summary>The string keys in wire order.</summary>
    public IEnumerable<string> StringKeys => entries.Select(entry => entry.Key).OfType<string>();

    /// <summary>The value under the str key <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No entry has that str key; the message lists the keys there are.</exception>
    public object? this[string key] => TryGetValue(key, out object? value)
        ? value
        : throw new KeyNotFoundException($"The map has no key \"{key}\"; its keys are: {DescribeKeys()}.");

    /// <summary>Whether an entry has the str key <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => stringKeys.ContainsKey(key);

    /// <summary>Finds the value under the str key <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out object? value)
    {
        if (stringKeys.TryGetValue(key, out int index))
        {
            value = entries[index].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Finds the value under the bin key whose bytes are <paramref name="key"/>.</summary>
    public bool TryGetValue(ReadOnlySpan<byte> key, out object? value)
    {
        foreach (KeyValuePair<object, object?> entry in entries)
        {
            if (entry.Key is byte[] bytes && key.SequenceEqual(bytes))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The keys, str keys quoted and bin keys as <c>b"..."</c>, for messages.</summary>
    public string DescribeKeys() => entries.Length == 0
        ? "(none)"
        : string.Join(", ", entries.Select(entry => entry.Key switch
        {
            string text => $"\"{text}\"",
            byte[] bytes => $"b\"{System.Text.Encoding.UTF8.GetString(bytes)}\"",
            object other => other.ToString(),
        }));
}
