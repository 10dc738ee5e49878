using System.Runtime.InteropServices;

namespace RobotSdk.Policy.Onnx;

/// <summary>
/// Finds and loads <c>libonnxruntime.so.1</c>, in this order: an explicit path, the
/// <see cref="OnnxRuntimeLibrary.LibraryPathVariable"/> environment variable, the application's
/// folder, the repository cache <c>.cache/onnxruntime/&lt;version&gt;/</c> searched upward from the
/// application's folder and from the working directory (where <c>eng/fetch-onnxruntime.sh</c> puts
/// it), then the system's library search path. An explicit path or a set variable is authoritative:
/// if it fails, nothing else is tried, so a misconfiguration is reported rather than hidden.
/// </summary>
internal static class OnnxRuntimeLibraryLocator
{
    /// <summary>The cache folder, relative to the repository root, that the fetch script fills.</summary>
    public static readonly string RepositoryCacheRelativePath =
        Path.Combine(".cache", "onnxruntime", OnnxRuntimeLibrary.ExpectedVersion, OnnxRuntimeLibrary.LibraryFileName);

    /// <summary>Loads the first library found; throws <see cref="OnnxRuntimeLibraryNotFoundException"/> listing every attempt.</summary>
    /// <param name="explicitPath">A path the caller insists on, or null.</param>
    /// <param name="variableValue">The value of the environment variable, or null when unset.</param>
    /// <param name="searchRoots">Folders to search upward from for the repository cache (the application's and the working directory).</param>
    /// <param name="searchSystem">Whether to try the system's library search path last.</param>
    public static (string Path, IntPtr Handle) Load(string? explicitPath, string? variableValue, IReadOnlyList<string> searchRoots, bool searchSystem = true)
    {
        var attempts = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return TryLoadFile(explicitPath, "the explicit library path", attempts)
                ?? throw new OnnxRuntimeLibraryNotFoundException(attempts);
        }

        if (!string.IsNullOrWhiteSpace(variableValue))
        {
            return TryLoadFile(variableValue, $"${OnnxRuntimeLibrary.LibraryPathVariable}", attempts)
                ?? throw new OnnxRuntimeLibraryNotFoundException(attempts);
        }

        attempts.Add($"${OnnxRuntimeLibrary.LibraryPathVariable}: not set");
        foreach (var candidate in CandidateFiles(searchRoots))
        {
            if (TryLoadFile(candidate.Path, candidate.Source, attempts) is { } loaded)
            {
                return loaded;
            }
        }

        if (!searchSystem)
        {
            throw new OnnxRuntimeLibraryNotFoundException(attempts);
        }

        try
        {
            var handle = NativeLibrary.Load(OnnxRuntimeLibrary.LibraryFileName);
            return (OnnxRuntimeLibrary.LibraryFileName, handle);
        }
        catch (DllNotFoundException exception)
        {
            attempts.Add($"the system library search path ({OnnxRuntimeLibrary.LibraryFileName}): {FirstLine(exception.Message)}");
        }

        throw new OnnxRuntimeLibraryNotFoundException(attempts);
    }

    private static IEnumerable<(string Path, string Source)> CandidateFiles(IReadOnlyList<string> searchRoots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in searchRoots)
        {
            var beside = Path.Combine(root, OnnxRuntimeLibrary.LibraryFileName);
            if (seen.Add(beside))
            {
                yield return (beside, "beside the application");
            }
        }

        var cacheFound = false;
        foreach (var root in searchRoots)
        {
            for (var folder = new DirectoryInfo(root); folder is not null; folder = folder.Parent)
            {
                var cached = Path.Combine(folder.FullName, RepositoryCacheRelativePath);
                if (File.Exists(cached) && seen.Add(cached))
                {
                    cacheFound = true;
                    yield return (cached, "the repository cache");
                }
            }
        }

        if (!cacheFound)
        {
            yield return (RepositoryCacheRelativePath, $"the repository cache, in no folder above {string.Join(" or ", searchRoots)}");
        }
    }

    private static (string Path, IntPtr Handle)? TryLoadFile(string path, string source, List<string> attempts)
    {
        if (!File.Exists(path))
        {
            attempts.Add($"{path} ({source}): no such file");
            return null;
        }

        try
        {
            return (Path.GetFullPath(path), NativeLibrary.Load(Path.GetFullPath(path)));
        }
        catch (Exception exception) when (exception is DllNotFoundException or BadImageFormatException)
        {
            attempts.Add($"{path} ({source}): could not be loaded: {FirstLine(exception.Message)}");
            return null;
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
