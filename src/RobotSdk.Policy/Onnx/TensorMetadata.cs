namespace RobotSdk.Policy.Onnx;

/// <summary>A model input or output as the model declares it: name, element type and shape.</summary>
public sealed class TensorMetadata
{
    /// <summary>Creates the description of one input or output.</summary>
    /// <param name="name">The name the model gives it.</param>
    /// <param name="elementType">The element type; <see cref="TensorElementType.Undefined"/> for non-tensor values.</param>
    /// <param name="dimensions">The declared dimensions, fixed or symbolic.</param>
    public TensorMetadata(string name, TensorElementType elementType, IReadOnlyList<TensorDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        Name = name;
        ElementType = elementType;
        Dimensions = dimensions;
    }

    /// <summary>The name the model gives this input or output.</summary>
    public string Name { get; }

    /// <summary>The element type (<see cref="TensorElementType.Undefined"/> for sequences and maps).</summary>
    public TensorElementType ElementType { get; }

    /// <summary>The declared dimensions: fixed sizes, symbolic names, or unknown.</summary>
    public IReadOnlyList<TensorDimension> Dimensions { get; }

    /// <summary>The declared shape, e.g. "[batch, 3, 224, 224]".</summary>
    public string ShapeText => TensorShapes.Format(Dimensions);

    /// <summary>"name: Float[batch, 4]".</summary>
    public override string ToString() => $"{Name}: {ElementType}{ShapeText}";
}
