namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>The value kinds of <see cref="OnnxNodeAttribute"/>, numbered as ONNX's <c>AttributeProto.AttributeType</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Float, Int, String, Floats and Ints are the attribute types of ONNX's AttributeProto, which readers match against the specification.")]
public enum OnnxNodeAttributeKind
{
    /// <summary>One 32-bit float.</summary>
    Float = 1,

    /// <summary>One 64-bit integer.</summary>
    Int = 2,

    /// <summary>One UTF-8 string.</summary>
    String = 3,

    /// <summary>A list of 32-bit floats.</summary>
    Floats = 6,

    /// <summary>A list of 64-bit integers.</summary>
    Ints = 7,
}
