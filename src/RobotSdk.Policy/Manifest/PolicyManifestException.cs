namespace RobotSdk.Policy.Manifest;

/// <summary>
/// A policy manifest could not be read or written: every problem found, each with its JSON path;
/// the message names the file and lists them all.
/// </summary>
public sealed class PolicyManifestException : FormatException
{
    /// <summary>Creates the exception for <paramref name="file"/> and its <paramref name="problems"/>.</summary>
    public PolicyManifestException(string file, IReadOnlyList<PolicyManifestProblem> problems, Exception? innerException = null)
        : base(Describe(file, problems), innerException)
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The manifest file.</summary>
    public string File { get; }

    /// <summary>What is wrong, in document order.</summary>
    public IReadOnlyList<PolicyManifestProblem> Problems { get; }

    private static string Describe(string file, IReadOnlyList<PolicyManifestProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"{file}: {problems[0]}"
            : $"{file}: {problems.Count} problems:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}";
    }
}
