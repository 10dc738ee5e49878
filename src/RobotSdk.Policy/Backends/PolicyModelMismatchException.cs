namespace RobotSdk.Policy.Backends;

/// <summary>
/// A model file does not fit its manifest: a tensor the manifest names is missing, or has another
/// element type or shape than the manifest implies, or the model needs an input the manifest does
/// not provide. Thrown when a backend starts, before any inference. The message names the model
/// and lists every problem, each naming the tensor with the expected and the declared type and shape.
/// </summary>
public sealed class PolicyModelMismatchException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/> and its <paramref name="problems"/>.</summary>
    /// <param name="model">The model file (or graph) that does not fit.</param>
    /// <param name="problems">What does not fit, one sentence each.</param>
    public PolicyModelMismatchException(string model, IReadOnlyList<string> problems)
        : base(Describe(model, problems))
    {
        Model = model;
        Problems = problems;
    }

    /// <summary>The model file (or graph) that does not fit its manifest.</summary>
    public string Model { get; }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string model, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"The model {model} does not fit its manifest: {problems[0]}"
            : $"The model {model} does not fit its manifest, {problems.Count} problems:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}";
    }
}
