namespace RobotSdk.Policy.Onnx;

/// <summary>
/// The element type of a tensor, numbered as ONNX's <c>TensorProto.DataType</c> (and ONNX
/// Runtime's <c>ONNXTensorElementDataType</c>), so the values cross the native boundary unchanged.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are the ONNX data type names (FLOAT, UINT8, INT64, ...), which readers match against the ONNX specification.")]
public enum TensorElementType
{
    /// <summary>Not a tensor, or a type this binding does not know.</summary>
    Undefined = 0,

    /// <summary>32-bit IEEE float (<see cref="float"/>).</summary>
    Float = 1,

    /// <summary>Unsigned byte (<see cref="byte"/>), the usual camera image element.</summary>
    UInt8 = 2,

    /// <summary>Signed byte (<see cref="sbyte"/>).</summary>
    Int8 = 3,

    /// <summary>Unsigned 16-bit integer (<see cref="ushort"/>).</summary>
    UInt16 = 4,

    /// <summary>Signed 16-bit integer (<see cref="short"/>).</summary>
    Int16 = 5,

    /// <summary>Signed 32-bit integer (<see cref="int"/>).</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (<see cref="long"/>), the usual token and index element.</summary>
    Int64 = 7,

    /// <summary>String (variable length; not bindable to a caller buffer).</summary>
    String = 8,

    /// <summary>Boolean, one byte per element (<see cref="bool"/>).</summary>
    Bool = 9,

    /// <summary>16-bit IEEE float (<see cref="Half"/>).</summary>
    Float16 = 10,

    /// <summary>64-bit IEEE float (<see cref="double"/>).</summary>
    Double = 11,

    /// <summary>Unsigned 32-bit integer (<see cref="uint"/>).</summary>
    UInt32 = 12,

    /// <summary>Unsigned 64-bit integer (<see cref="ulong"/>).</summary>
    UInt64 = 13,

    /// <summary>Complex number of two 32-bit floats.</summary>
    Complex64 = 14,

    /// <summary>Complex number of two 64-bit floats.</summary>
    Complex128 = 15,

    /// <summary>Brain floating point: the upper 16 bits of a 32-bit float.</summary>
    BFloat16 = 16,
}
