namespace RobotSdk.Policy.Onnx;

/// <summary>
/// The ONNX Runtime native library (<c>libonnxruntime.so.1</c>) could not be found or loaded.
/// The message lists every place that was tried and why each failed.
/// </summary>
public sealed class OnnxRuntimeLibraryNotFoundException : Exception
{
    /// <summary>Creates the exception from the places that were tried.</summary>
    /// <param name="attempts">Each place tried, with the reason it did not provide the library.</param>
    public OnnxRuntimeLibraryNotFoundException(IReadOnlyList<string> attempts)
        : base(BuildMessage(attempts))
    {
        Attempts = attempts;
    }

    /// <summary>Each place tried (a path, the variable, the system search path) with its reason.</summary>
    public IReadOnlyList<string> Attempts { get; }

    private static string BuildMessage(IReadOnlyList<string> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return $"The ONNX Runtime {OnnxRuntimeLibrary.ExpectedVersion} native library ({OnnxRuntimeLibrary.LibraryFileName}) could not be loaded. Tried:"
            + Environment.NewLine
            + string.Join(Environment.NewLine, attempts.Select(attempt => "  - " + attempt))
            + Environment.NewLine
            + $"Run eng/fetch-onnxruntime.sh (or eng/bootstrap.sh) in the repository, set {OnnxRuntimeLibrary.LibraryPathVariable} to the library's full path, "
            + "or pass the path in OnnxSessionOptions.LibraryPath.";
    }
}
