using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>
/// Finds and loads <c>librobotsdk_mujoco_shim.so</c> once, checks MuJoCo's version, and turns every
/// failure into one <see cref="SimulationUnavailableException"/> that says what to install, instead
/// of a <see cref="DllNotFoundException"/> from deep inside a call.
/// </summary>
/// <remarks>
/// Search order: the directory of this assembly (the build copies the shim there), then
/// <c>$ROBOTSDK_NATIVE_DIR</c>, then the dynamic loader's own search (LD_LIBRARY_PATH, system
/// paths). The shim links <c>libmujoco.so.2.2.2</c> by soname, so the loader's message names that
/// library when MuJoCo itself is what is missing.
/// </remarks>
internal static class MujocoLibrary
{
    /// <summary>The MuJoCo version the shim was written and compiled for (<c>mj_version()</c>).</summary>
    public const int ExpectedVersion = 222;

    private const string FileName = "librobotsdk_mujoco_shim.so";
    private const string InstallHint =
        "Install MuJoCo 2.2.2 and build RobotSdk's shim with `bash eng/bootstrap.sh` from the repository root "
        + "(or `sudo apt-get install libmujoco2.2.2 libmujoco-dev libosmesa6-dev gcc` then `bash eng/build-native.sh`).";

    private static readonly Lazy<(nint Handle, SimulationUnavailableException? Failure)> Loaded = new(Load);

    /// <summary>Loads the shim on first use; throws the same explanation on every call if it cannot be used.</summary>
    /// <exception cref="SimulationUnavailableException">The shim or MuJoCo is missing, or MuJoCo has another version.</exception>
    public static void EnsureAvailable()
    {
        SimulationUnavailableException? failure = Loaded.Value.Failure;
        if (failure is not null)
        {
            throw new SimulationUnavailableException(failure.Message, failure.MujocoMessage);
        }
    }

    private static (nint Handle, SimulationUnavailableException? Failure) Load()
    {
        var tried = new List<string>();
        nint handle = 0;
        foreach (string candidate in Candidates().Distinct(StringComparer.Ordinal))
        {
            try
            {
                handle = NativeLibrary.Load(candidate);
                break;
            }
            catch (DllNotFoundException exception)
            {
                tried.Add(LoaderReason(exception));
            }
            catch (BadImageFormatException exception)
            {
                tried.Add(LoaderReason(exception));
            }
        }

        if (handle == 0)
        {
            string detail = string.Join(Environment.NewLine, tried);
            return (0, new SimulationUnavailableException(
                $"The MuJoCo simulator is not available: {FileName} (or the libmujoco.so.2.2.2 it needs) could not be loaded. {InstallHint}{Environment.NewLine}{detail}",
                detail));
        }

        NativeLibrary.SetDllImportResolver(typeof(MujocoLibrary).Assembly, (name, _, _) => name == NativeMethods.Shim ? handle : 0);
        int version = NativeMethods.Version();
        if (version != ExpectedVersion)
        {
            string detail = $"mj_version() = {version}";
            return (0, new SimulationUnavailableException(
                $"RobotSdk's MuJoCo binding needs MuJoCo {ExpectedVersion / 100}.{ExpectedVersion / 10 % 10}.{ExpectedVersion % 10} (mj_version() = {ExpectedVersion}) but found {version}. {InstallHint}",
                detail));
        }

        return (handle, null);
    }

    /// <summary>The dynamic loader's own words (dlerror), the last line of .NET's message.</summary>
    private static string LoaderReason(Exception exception) =>
        exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    private static IEnumerable<string> Candidates()
    {
        string? assemblyDirectory = Path.GetDirectoryName(typeof(MujocoLibrary).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            yield return Path.Combine(assemblyDirectory, FileName);
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        string? nativeDirectory = Environment.GetEnvironmentVariable("ROBOTSDK_NATIVE_DIR");
        if (!string.IsNullOrEmpty(nativeDirectory))
        {
            yield return Path.Combine(nativeDirectory, FileName);
        }

        yield return FileName;
    }
}
