using System.Globalization;

namespace RobotSdk.Policy.Onnx;

/// <summary>
/// One dimension of a tensor's declared shape: a fixed size, a named symbolic size ("batch") that
/// each run chooses, or an unknown size.
/// </summary>
public readonly record struct TensorDimension
{
    private TensorDimension(long size, string? symbolicName)
    {
        Size = size;
        SymbolicName = symbolicName;
    }

    /// <summary>A dimension of unknown size with no name.</summary>
    public static TensorDimension Unknown { get; } = new(-1, null);

    /// <summary>The fixed size, or -1 when the size is chosen per run.</summary>
    public long Size { get; }

    /// <summary>The symbolic name ("batch") of a dimension chosen per run, or null.</summary>
    public string? SymbolicName { get; }

    /// <summary>Whether each run may choose this dimension's size.</summary>
    public bool IsDynamic => Size < 0;

    /// <summary>A dimension of fixed <paramref name="size"/> (zero or more).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static TensorDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new TensorDimension(size, null);
    }

    /// <summary>A dimension named <paramref name="name"/> whose size each run chooses.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static TensorDimension Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TensorDimension(-1, name);
    }

    /// <summary>A fixed dimension of <paramref name="size"/>, so shapes can be written as plain numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static implicit operator TensorDimension(long size) => Fixed(size);

    /// <summary>A fixed dimension of <paramref name="size"/> (the named form of the implicit conversion).</summary>
    public static TensorDimension FromInt64(long size) => Fixed(size);

    /// <summary>Whether a run's <paramref name="size"/> fits this dimension.</summary>
    public bool Accepts(long size) => IsDynamic ? size >= 0 : size == Size;

    /// <summary>The size, the symbolic name, or "?" when unknown.</summary>
    public override string ToString() =>
        !IsDynamic ? Size.ToString(CultureInfo.InvariantCulture) : SymbolicName ?? "?";
}
