using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Backends;

/// <summary>
/// Checks one loaded graph's declared inputs and outputs against what the manifest implies, and
/// collects every mismatch so a backend can report them all at once (<see cref="PolicyModelMismatchException"/>).
/// Each check returns the shape to bind, with the model's optional leading batch dimension of 1.
/// </summary>
internal sealed class ModelContract(string model, IInferenceSession session)
{
    private readonly List<string> problems = [];
    private readonly HashSet<string> providedInputs = new(StringComparer.Ordinal);

    /// <summary>The model file or graph, as messages name it.</summary>
    public string Model { get; } = model;

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>
    /// Finds input <paramref name="name"/> (what the manifest calls it: <paramref name="role"/>) and checks
    /// that its element type is one of <paramref name="types"/> and that its shape is <paramref name="shape"/>,
    /// optionally after a batch dimension of 1. Returns the shape to bind and the declared type, or null
    /// (a problem is recorded).
    /// </summary>
    public long[]? Input(string name, string role, ReadOnlySpan<TensorElementType> types, out TensorElementType declaredType, params long[] shape)
    {
        providedInputs.Add(name);
        return Check(session.Inputs, "input", name, role, types, shape, out declaredType);
    }

    /// <summary>As <see cref="Input"/>, for an output.</summary>
    public long[]? Output(string name, string role, TensorElementType type, params long[] shape) =>
        Check(session.Outputs, "output", name, role, [type], shape, out _);

    /// <summary>The declared metadata of input <paramref name="name"/>, marking it provided; null (a problem is recorded) when there is none.</summary>
    public TensorMetadata? ClaimInput(string name, string role)
    {
        providedInputs.Add(name);
        TensorMetadata? found = Find(session.Inputs, name);
        if (found is null)
        {
            problems.Add($"input '{name}' ({role}) is not an input of the model; its inputs are: {Describe(session.Inputs)}.");
        }

        return found;
    }

    /// <summary>The declared metadata of output <paramref name="name"/>; null (a problem is recorded) when there is none.</summary>
    public TensorMetadata? FindOutput(string name, string role)
    {
        TensorMetadata? found = Find(session.Outputs, name);
        if (found is null)
        {
            problems.Add($"output '{name}' ({role}) is not an output of the model; its outputs are: {Describe(session.Outputs)}.");
        }

        return found;
    }

    /// <summary>Records a problem found by the caller.</summary>
    public void Add(string problem) => problems.Add(problem);

    /// <summary>Records every model input that nothing was bound to (the manifest does not provide it).</summary>
    public void RequireEveryInputProvided(string whatProvides)
    {
        foreach (TensorMetadata input in session.Inputs)
        {
            if (!providedInputs.Contains(input.Name))
            {
                problems.Add($"the model needs input {input}, which {whatProvides} does not provide.");
            }
        }
    }

    /// <summary>Throws <see cref="PolicyModelMismatchException"/> when any problem was found.</summary>
    public void ThrowIfProblems()
    {
        if (problems.Count > 0)
        {
            throw new PolicyModelMismatchException(Model, [.. problems]);
        }
    }

    private long[]? Check(IReadOnlyList<TensorMetadata> declared, string kind, string name, string role, ReadOnlySpan<TensorElementType> types, long[] shape, out TensorElementType declaredType)
    {
        declaredType = TensorElementType.Undefined;
        TensorMetadata? metadata = Find(declared, name);
        string expected = $"{string.Join(" or ", types.ToArray())} {TensorShapes.Format(shape)} or [1, {string.Join(", ", shape)}]";
        if (metadata is null)
        {
            problems.Add($"{kind} '{name}' ({role}) is not an {kind} of the model (expected {expected}); its {kind}s are: {Describe(declared)}.");
            return null;
        }

        declaredType = metadata.ElementType;
        long[]? bound = metadata.Dimensions.Count == shape.Length ? shape
            : metadata.Dimensions.Count == shape.Length + 1 ? [1, .. shape]
            : null;
        bool typeFits = types.Contains(metadata.ElementType);
        if (!typeFits || bound is null || !Fits(metadata.Dimensions, bound))
        {
            problems.Add($"{kind} '{name}' ({role}): expected {expected}; the model declares {metadata.ElementType} {metadata.ShapeText}.");
            return null;
        }

        return bound;
    }

    private static bool Fits(IReadOnlyList<TensorDimension> declared, long[] shape)
    {
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (!declared[axis].Accepts(shape[axis]))
            {
                return false;
            }
        }

        return true;
    }

    private static TensorMetadata? Find(IReadOnlyList<TensorMetadata> declared, string name)
    {
        foreach (TensorMetadata metadata in declared)
        {
            if (string.Equals(metadata.Name, name, StringComparison.Ordinal))
            {
                return metadata;
            }
        }

        return null;
    }

    private static string Describe(IReadOnlyList<TensorMetadata> declared) =>
        declared.Count == 0 ? "(none)" : string.Join("; ", declared);
}
