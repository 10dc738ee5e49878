using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>Where the native library is looked for, and what the error says when it is not found.</summary>
public sealed class OnnxRuntimeLibraryLocatorTests
{
    private static readonly string[] NoRoots = [];

    [Fact]
    public void Load_ExplicitPathThatDoesNotExist_Throws_WithoutTryingElsewhere()
    {
        var exception = Assert.Throws<OnnxRuntimeLibraryNotFoundException>(
            () => OnnxRuntimeLibraryLocator.Load("/nonexistent/libonnxruntime.so.1", "/also/nonexistent.so", NoRoots));

        var attempt = Assert.Single(exception.Attempts);
        Assert.Contains("/nonexistent/libonnxruntime.so.1 (the explicit library path): no such file", attempt, StringComparison.Ordinal);
        Assert.Contains("eng/fetch-onnxruntime.sh", exception.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxRuntimeLibrary.LibraryPathVariable, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_VariableNamingAFileThatIsNotALibrary_ReportsTheLoadersReason()
    {
        var notALibrary = Path.Combine(Path.GetTempPath(), $"robotsdk-not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(notALibrary, "not an ELF file");
        try
        {
            var exception = Assert.Throws<OnnxRuntimeLibraryNotFoundException>(() => OnnxRuntimeLibraryLocator.Load(null, notALibrary, NoRoots));

            var attempt = Assert.Single(exception.Attempts);
            Assert.Contains($"{notALibrary} (${OnnxRuntimeLibrary.LibraryPathVariable}): could not be loaded", attempt, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notALibrary);
        }
    }

    [Fact]
    public void Load_Searching_ListsEveryPlaceTried_WhenNoneHasTheLibrary()
    {
        var emptyFolder = Directory.CreateTempSubdirectory("robotsdk-no-onnxruntime-").FullName;
        try
        {
            // The system search is left out: once any test has loaded the library, dlopen finds it by its soname.
            var exception = Assert.Throws<OnnxRuntimeLibraryNotFoundException>(() => OnnxRuntimeLibraryLocator.Load(null, null, [emptyFolder], searchSystem: false));

            Assert.Collection(
                exception.Attempts,
                attempt => Assert.Contains("not set", attempt, StringComparison.Ordinal),
                attempt => Assert.Contains($"{Path.Combine(emptyFolder, OnnxRuntimeLibrary.LibraryFileName)} (beside the application): no such file", attempt, StringComparison.Ordinal),
                attempt => Assert.Contains("the repository cache, in no folder above " + emptyFolder, attempt, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(emptyFolder);
        }
    }

    [Fact]
    public void Load_Searching_FindsTheRepositoryCacheAboveTheApplicationFolder()
    {
        // The build copies the library beside the test assembly; one folder up there is none, so the search walks up to the cache.
        string aboveTheApplication = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, ".."));
        Assert.False(File.Exists(Path.Combine(aboveTheApplication, "libonnxruntime.so.1")));

        var (path, _) = OnnxRuntimeLibraryLocator.Load(null, null, [aboveTheApplication]);

        Assert.EndsWith(Path.Combine(".cache", "onnxruntime", "1.30.0", "libonnxruntime.so.1"), path, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExplicitPath_WinsOverTheVariable()
    {
        var cached = OnnxRuntimeLibraryLocator.Load(null, null, [AppContext.BaseDirectory]).Path;

        var (path, _) = OnnxRuntimeLibraryLocator.Load(cached, "/nonexistent/variable.so", NoRoots);

        Assert.Equal(cached, path);
    }
}
