namespace RobotSdk.Policy.Onnx;

/// <summary>Maps .NET element types to ONNX tensor element types.</summary>
internal static class TensorElementTypes
{
    /// <summary>The tensor element type of <typeparamref name="T"/>, or <see cref="TensorElementType.Undefined"/>.</summary>
    public static TensorElementType Of<T>()
        where T : unmanaged => ElementTypeOf<T>.Value;

    private static class ElementTypeOf<T>
        where T : unmanaged
    {
        public static readonly TensorElementType Value =
            typeof(T) == typeof(float) ? TensorElementType.Float
            : typeof(T) == typeof(byte) ? TensorElementType.UInt8
            : typeof(T) == typeof(sbyte) ? TensorElementType.Int8
            : typeof(T) == typeof(ushort) ? TensorElementType.UInt16
            : typeof(T) == typeof(short) ? TensorElementType.Int16
            : typeof(T) == typeof(int) ? TensorElementType.Int32
            : typeof(T) == typeof(long) ? TensorElementType.Int64
            : typeof(T) == typeof(bool) ? TensorElementType.Bool
            : typeof(T) == typeof(Half) ? TensorElementType.Float16
            : typeof(T) == typeof(double) ? TensorElementType.Double
            : typeof(T) == typeof(uint) ? TensorElementType.UInt32
            : typeof(T) == typeof(ulong) ? TensorElementType.UInt64
            : TensorElementType.Undefined;
    }
}
