namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>An attribute of a graph node (ONNX <c>AttributeProto</c>): a named int, float, string or list.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Float, Int, String, Floats and Ints are the attribute types of ONNX's AttributeProto, which readers match against the specification.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "ONNX calls these node attributes; this is not a .NET attribute.")]
public sealed class OnnxNodeAttribute
{
    private OnnxNodeAttribute(string name, OnnxNodeAttributeKind kind, long integer = 0, float real = 0, string? text = null, long[]? integers = null, float[]? reals = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Integer = integer;
        Real = real;
        Text = text;
        Integers = integers ?? [];
        Reals = reals ?? [];
    }

    /// <summary>The attribute's name ("to", "axis", "transB").</summary>
    public string Name { get; }

    /// <summary>Which value the attribute carries.</summary>
    public OnnxNodeAttributeKind Kind { get; }

    internal long Integer { get; }

    internal float Real { get; }

    internal string? Text { get; }

    internal long[] Integers { get; }

    internal float[] Reals { get; }

    /// <summary>An integer attribute (also enums such as Cast's "to", given as <see cref="TensorElementType"/> numbers).</summary>
    public static OnnxNodeAttribute Int(string name, long value) => new(name, OnnxNodeAttributeKind.Int, integer: value);

    /// <summary>A float attribute ("alpha", "epsilon").</summary>
    public static OnnxNodeAttribute Float(string name, float value) => new(name, OnnxNodeAttributeKind.Float, real: value);

    /// <summary>A string attribute ("mode", "auto_pad").</summary>
    public static OnnxNodeAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, OnnxNodeAttributeKind.String, text: value);
    }

    /// <summary>An integer list attribute ("perm", "axes", "kernel_shape").</summary>
    public static OnnxNodeAttribute Ints(string name, params long[] values) => new(name, OnnxNodeAttributeKind.Ints, integers: [.. values]);

    /// <summary>A float list attribute.</summary>
    public static OnnxNodeAttribute Floats(string name, params float[] values) => new(name, OnnxNodeAttributeKind.Floats, reals: [.. values]);
}
