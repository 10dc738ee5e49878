namespace RobotSdk.Policy.Onnx;

/// <summary>
/// Converts between the short provider names settings use ("CPU", "CUDA") and the runtime's
/// registered names ("CPUExecutionProvider", "CUDAExecutionProvider").
/// </summary>
internal static class ExecutionProviderNames
{
    private const string Suffix = "ExecutionProvider";

    /// <summary>The CPU provider, always present.</summary>
    public const string Cpu = "CPU";

    /// <summary>"CUDAExecutionProvider" becomes "CUDA"; a short name stays as it is.</summary>
    public static string ShortName(string name) =>
        name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && name.Length > Suffix.Length ? name[..^Suffix.Length] : name;

    /// <summary>Whether two provider names mean the same provider (case-insensitive, suffix optional).</summary>
    public static bool Same(string left, string right) =>
        string.Equals(ShortName(left), ShortName(right), StringComparison.OrdinalIgnoreCase);
}
