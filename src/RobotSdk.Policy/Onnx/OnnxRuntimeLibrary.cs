using System.Runtime.InteropServices;
using RobotSdk.Policy.Onnx.Native;

namespace RobotSdk.Policy.Onnx;

/// <summary>
/// The ONNX Runtime native library this process uses: found, loaded and initialized once (see
/// <see cref="Load"/> for where it is looked for). Microsoft.ML.OnnxRuntime is not on this project's
/// package feed, so RobotSdk binds the official native library's C API itself; the library comes
/// from the npm package onnxruntime-node (<c>eng/fetch-onnxruntime.sh</c>).
/// </summary>
/// <remarks>
/// A process holds one library and one runtime environment (<c>OrtEnv</c>); both live until the
/// process exits, because sessions may be created from any thread at any time and the runtime
/// requires its environment to outlive them.
/// </remarks>
public static unsafe class OnnxRuntimeLibrary
{
    /// <summary>The environment variable naming the library's full path.</summary>
    public const string LibraryPathVariable = "ROBOTSDK_ONNXRUNTIME_LIBRARY";

    /// <summary>The file name of the library (there is no unversioned <c>libonnxruntime.so</c> in the package).</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary>The library version this binding is built and tested against.</summary>
    public const string ExpectedVersion = "1.30.0";

    /// <summary>The C API version requested from <c>GetApi</c>; libraries older than 1.30 refuse it.</summary>
    public const uint ApiVersion = 30;

    private static readonly Lock Gate = new();
    private static LoadedLibrary? loaded;

    /// <summary>The full path of the loaded library, or null before anything loaded it.</summary>
    public static string? LibraryPath => loaded?.Path;

    /// <summary>The version the loaded library reports ("1.30.0"); loads the library if needed.</summary>
    public static string Version => EnsureLoaded(null).Version;

    /// <summary>
    /// The execution providers compiled into the loaded library, by the short name
    /// <see cref="OnnxSessionOptions.ExecutionProvider"/> takes ("CPU", "CUDA", ...); loads the library if needed.
    /// The npm package's linux-x64 build lists TensorRT, CUDA, WebGPU and CPU, but CUDA and TensorRT
    /// also need the provider libraries of the official GPU package beside it
    /// (<c>libonnxruntime_providers_shared.so</c>, <c>libonnxruntime_providers_cuda.so</c>), which the
    /// npm package does not contain; without them a session falls back to CPU and says so.
    /// </summary>
    public static IReadOnlyList<string> AvailableExecutionProviders => EnsureLoaded(null).Providers.Select(ExecutionProviderNames.ShortName).ToArray();

    /// <summary>
    /// Loads the library if this process has not yet, and returns its full path. Looks, in order:
    /// at <paramref name="libraryPath"/> when given; at <c>$ROBOTSDK_ONNXRUNTIME_LIBRARY</c> when set
    /// (either one, when given, is the only place tried); beside the application; in the repository
    /// cache <c>.cache/onnxruntime/1.30.0/</c> above the application's folder or the working
    /// directory; then on the system's library search path.
    /// </summary>
    /// <param name="libraryPath">The library's full path, or null to search.</param>
    /// <returns>The path of the loaded library.</returns>
    /// <exception cref="OnnxRuntimeLibraryNotFoundException">No place provided a loadable library.</exception>
    /// <exception cref="InvalidOperationException">Another library file is already loaded in this process, or the library is older than 1.30.</exception>
    public static string Load(string? libraryPath = null) => EnsureLoaded(libraryPath).Path;

    /// <summary>The runtime's environment, for creating sessions.</summary>
    internal static OrtEnvironmentHandle Environment => EnsureLoaded(null).Environment;

    /// <summary>The description of CPU memory every tensor over caller memory uses.</summary>
    internal static OrtMemoryInfoHandle CpuMemory => EnsureLoaded(null).CpuMemory;

    internal static LoadedLibrary EnsureLoaded(string? libraryPath)
    {
        lock (Gate)
        {
            if (loaded is not null)
            {
                if (!string.IsNullOrWhiteSpace(libraryPath) && !SameFile(libraryPath, loaded.Path))
                {
                    throw new InvalidOperationException(
                        $"ONNX Runtime is already loaded in this process from {loaded.Path}; a process uses one library, so {libraryPath} cannot be loaded as well.");
                }

                return loaded;
            }

            var roots = new[] { AppContext.BaseDirectory, System.Environment.CurrentDirectory };
            var (path, handle) = OnnxRuntimeLibraryLocator.Load(libraryPath, System.Environment.GetEnvironmentVariable(LibraryPathVariable), roots);
            loaded = Initialize(path, handle);
            return loaded;
        }
    }

    private static LoadedLibrary Initialize(string path, IntPtr handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBaseAddress))
        {
            throw new InvalidOperationException($"{path} does not export OrtGetApiBase; it is not an ONNX Runtime library.");
        }

        // OrtApiBase is { const OrtApi* (*GetApi)(uint32_t), const char* (*GetVersionString)(void) }.
        var apiBase = ((delegate* unmanaged[Cdecl]<IntPtr*>)getApiBaseAddress)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<IntPtr>)apiBase[1])()) ?? "unknown";
        var apiTable = ((delegate* unmanaged[Cdecl]<uint, IntPtr>)apiBase[0])(ApiVersion);
        if (apiTable == IntPtr.Zero)
        {
            throw new InvalidOperationException(
                $"ONNX Runtime {version} at {path} does not provide C API version {ApiVersion}; RobotSdk needs ONNX Runtime {ExpectedVersion} or later.");
        }

        OnnxRuntimeNative.Initialize(apiTable);
        var environment = new OrtEnvironmentHandle(OnnxRuntimeNative.CreateEnvironment("RobotSdk"));
        var cpuMemory = new OrtMemoryInfoHandle(OnnxRuntimeNative.CreateCpuMemoryInfo());
        var providers = OnnxRuntimeNative.GetAvailableProviders();
        return new LoadedLibrary(path, version, environment, cpuMemory, providers);
    }

    private static bool SameFile(string requested, string loadedPath) =>
        string.Equals(Path.GetFullPath(requested), loadedPath, StringComparison.Ordinal)
        || string.Equals(requested, loadedPath, StringComparison.Ordinal);

    /// <summary>What one successful load produced (providers by their registered names); lives until the process exits.</summary>
    internal sealed record LoadedLibrary(string Path, string Version, OrtEnvironmentHandle Environment, OrtMemoryInfoHandle CpuMemory, IReadOnlyList<string> Providers);
}
