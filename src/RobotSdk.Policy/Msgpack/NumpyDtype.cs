namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// A numpy dtype as its <c>dtype.str</c> names it in openpi's ndarray convention: a byte-order
/// character (<c>&lt;</c> little-endian, <c>|</c> not applicable), a kind (<c>b</c> bool,
/// <c>i</c> signed, <c>u</c> unsigned, <c>f</c> float) and the item size in bytes, for example
/// <c>&lt;f4</c>, <c>|u1</c>, <c>&lt;f8</c>. Only these little-endian numeric types are accepted:
/// big-endian (<c>&gt;</c>) data and other kinds (strings, objects, structured) are rejected.
/// </summary>
public sealed class NumpyDtype
{
    private static readonly NumpyDtype[] Known =
    [
        new("|b1", 'b', 1), new("|u1", 'u', 1), new("|i1", 'i', 1),
        new("<u2", 'u', 2), new("<i2", 'i', 2), new("<f2", 'f', 2),
        new("<u4", 'u', 4), new("<i4", 'i', 4), new("<f4", 'f', 4),
        new("<u8", 'u', 8), new("<i8", 'i', 8), new("<f8", 'f', 8),
    ];

    private NumpyDtype(string text, char kind, int itemSize)
    {
        Text = text;
        Kind = kind;
        ItemSize = itemSize;
    }

    /// <summary>numpy <c>bool_</c> (<c>|b1</c>).</summary>
    public static NumpyDtype Boolean => Known[0];

    /// <summary>numpy <c>uint8</c> (<c>|u1</c>), the type of camera images.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named as numpy names the dtype.")]
    public static NumpyDtype UInt8 => Known[1];

    /// <summary>numpy <c>float32</c> (<c>&lt;f4</c>), the type of states and actions.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named as numpy names the dtype.")]
    public static NumpyDtype Float32 => Known[8];

    /// <summary>numpy <c>float64</c> (<c>&lt;f8</c>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named as numpy names the dtype.")]
    public static NumpyDtype Float64 => Known[11];

    /// <summary>The dtype string as numpy writes it, for example <c>&lt;f4</c>.</summary>
    public string Text { get; }

    /// <summary>numpy's kind character: <c>b</c>, <c>i</c>, <c>u</c> or <c>f</c>.</summary>
    public char Kind { get; }

    /// <summary>Size of one element in bytes (1, 2, 4 or 8).</summary>
    public int ItemSize { get; }

    /// <summary>Whether this is a floating-point type.</summary>
    public bool IsFloatingPoint => Kind == 'f';

    /// <summary>
    /// Finds the dtype that <paramref name="text"/> names, or says why it cannot be used
    /// (big-endian, or a kind or size outside the numeric types above).
    /// </summary>
    public static bool TryParse(string text, out NumpyDtype? dtype, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (NumpyDtype known in Known)
        {
            if (known.Text == text)
            {
                dtype = known;
                problem = string.Empty;
                return true;
            }
        }

        dtype = null;
        problem = text.StartsWith('>')
            ? $"numpy dtype '{text}' is big-endian; only little-endian ('<') or byte ('|') dtypes are supported"
            : $"numpy dtype '{text}' is not supported; expected one of {string.Join(", ", Known.Select(known => known.Text))}";
        return false;
    }

    /// <summary>Finds the dtype that <paramref name="text"/> names.</summary>
    /// <exception cref="FormatException">The dtype is big-endian or not one of the supported numeric types.</exception>
    public static NumpyDtype Parse(string text) =>
        TryParse(text, out NumpyDtype? dtype, out string problem) ? dtype! : throw new FormatException(problem + ".");

    /// <inheritdoc/>
    public override string ToString() => Text;
}
