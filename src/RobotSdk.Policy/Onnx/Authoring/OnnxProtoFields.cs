namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>
/// Field numbers of the ONNX protobuf messages this writer emits, as declared in the ONNX
/// specification's <c>onnx.proto</c> (stable across ONNX releases).
/// </summary>
internal static class OnnxProtoFields
{
    /// <summary><c>ModelProto</c>.</summary>
    public static class Model
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int DocString = 6;
        public const int Graph = 7;
        public const int OperatorSetImport = 8;
    }

    /// <summary><c>OperatorSetIdProto</c>.</summary>
    public static class OperatorSet
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary><c>GraphProto</c>.</summary>
    public static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary><c>NodeProto</c>.</summary>
    public static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OperatorType = 4;
        public const int Attribute = 5;
    }

    /// <summary><c>AttributeProto</c>.</summary>
    public static class Attribute
    {
        public const int Name = 1;
        public const int Float = 2;
        public const int Int = 3;
        public const int String = 4;
        public const int Floats = 7;
        public const int Ints = 8;
        public const int Type = 20;
    }

    /// <summary><c>TensorProto</c>.</summary>
    public static class Tensor
    {
        public const int Dimensions = 1;
        public const int DataType = 2;
        public const int Name = 8;
        public const int RawData = 9;
    }

    /// <summary><c>ValueInfoProto</c>.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
    }

    /// <summary><c>TypeProto</c> (field 1 is its <c>tensor_type</c> alternative).</summary>
    public static class TypeProto
    {
        public const int TensorType = 1;
    }

    /// <summary><c>TypeProto.Tensor</c>.</summary>
    public static class TensorType
    {
        public const int ElementType = 1;
        public const int Shape = 2;
    }

    /// <summary><c>TensorShapeProto</c>.</summary>
    public static class Shape
    {
        public const int Dimension = 1;
    }

    /// <summary><c>TensorShapeProto.Dimension</c>.</summary>
    public static class Dimension
    {
        public const int Value = 1;
        public const int Parameter = 2;
    }
}
