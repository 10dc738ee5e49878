using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// One loaded <c>libapriltag.so.3</c> and the entry points RobotSdk calls, resolved once through
/// <see cref="NativeLibrary"/> so that a library path from <see cref="AprilTagDetectorOptions"/> works
/// as well as the soname. Loading failures become one <see cref="AprilTagUnavailableException"/> that
/// names the package to install; the library is never unloaded.
/// </summary>
/// <remarks>
/// Ownership: <c>apriltag_detector_create</c> and the family constructors return memory owned by
/// <see cref="SafeAprilTagDetectorHandle"/> and <see cref="SafeAprilTagFamilyHandle"/>; the zarray
/// from <c>apriltag_detector_detect</c> is read and freed by the caller with
/// <c>apriltag_detections_destroy</c> before it returns; <c>apriltag_to_image</c> returns an image
/// and buffer allocated with calloc, freed with <see cref="NativeMemory.Free(void*)"/>.
/// </remarks>
internal sealed unsafe class AprilTagNativeLibrary
{
    /// <summary>The soname of Debian's libapriltag3 (no unversioned symlink without the -dev package).</summary>
    public const string DefaultPath = "libapriltag.so.3";

    private static readonly ConcurrentDictionary<string, Lazy<AprilTagNativeLibrary>> Libraries = new(StringComparer.Ordinal);

    private AprilTagNativeLibrary(nint handle)
    {
        DetectorCreate = (delegate* unmanaged<nint>)Export(handle, "apriltag_detector_create");
        DetectorDestroy = (delegate* unmanaged<nint, void>)Export(handle, "apriltag_detector_destroy");
        DetectorAddFamilyBits = (delegate* unmanaged<nint, nint, int, void>)Export(handle, "apriltag_detector_add_family_bits");
        DetectorDetect = (delegate* unmanaged<nint, NativeImageU8*, NativeZArray*>)Export(handle, "apriltag_detector_detect");
        DetectionsDestroy = (delegate* unmanaged<NativeZArray*, void>)Export(handle, "apriltag_detections_destroy");
        ToImage = (delegate* unmanaged<nint, int, NativeImageU8*>)Export(handle, "apriltag_to_image");
        Tag36h11Create = (delegate* unmanaged<nint>)Export(handle, "tag36h11_create");
        Tag36h11Destroy = (delegate* unmanaged<nint, void>)Export(handle, "tag36h11_destroy");
        TagStandard41h12Create = (delegate* unmanaged<nint>)Export(handle, "tagStandard41h12_create");
        TagStandard41h12Destroy = (delegate* unmanaged<nint, void>)Export(handle, "tagStandard41h12_destroy");
    }

    public delegate* unmanaged<nint> DetectorCreate { get; }

    public delegate* unmanaged<nint, void> DetectorDestroy { get; }

    public delegate* unmanaged<nint, nint, int, void> DetectorAddFamilyBits { get; }

    public delegate* unmanaged<nint, NativeImageU8*, NativeZArray*> DetectorDetect { get; }

    public delegate* unmanaged<NativeZArray*, void> DetectionsDestroy { get; }

    public delegate* unmanaged<nint, int, NativeImageU8*> ToImage { get; }

    public delegate* unmanaged<nint> Tag36h11Create { get; }

    public delegate* unmanaged<nint, void> Tag36h11Destroy { get; }

    public delegate* unmanaged<nint> TagStandard41h12Create { get; }

    public delegate* unmanaged<nint, void> TagStandard41h12Destroy { get; }

    /// <summary>Loads the library at <paramref name="path"/> (a soname or a file) once per path.</summary>
    /// <exception cref="AprilTagUnavailableException">It cannot be loaded or lacks an entry point.</exception>
    public static AprilTagNativeLibrary Load(string path) =>
        Libraries.GetOrAdd(path, static p => new Lazy<AprilTagNativeLibrary>(() => Open(p))).Value;

    private static AprilTagNativeLibrary Open(string path)
    {
        nint handle;
        try
        {
            handle = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException exception)
        {
            throw Unavailable(path, LoaderReason(exception), exception);
        }
        catch (BadImageFormatException exception)
        {
            throw Unavailable(path, LoaderReason(exception), exception);
        }

        try
        {
            return new AprilTagNativeLibrary(handle);
        }
        catch (EntryPointNotFoundException exception)
        {
            throw Unavailable(path, exception.Message, exception);
        }
    }

    private static nint Export(nint handle, string name) => NativeLibrary.GetExport(handle, name);

    private static AprilTagUnavailableException Unavailable(string path, string reason, Exception inner) => new(
        $"The AprilTag library is not available: {path} could not be used ({reason}). "
        + "Install Debian's libapriltag3 (`sudo apt-get install libapriltag3`) or run `bash eng/bootstrap.sh` from the repository root.",
        inner);

    /// <summary>The dynamic loader's own words (dlerror), the last line of .NET's message.</summary>
    private static string LoaderReason(Exception exception) =>
        exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
}
