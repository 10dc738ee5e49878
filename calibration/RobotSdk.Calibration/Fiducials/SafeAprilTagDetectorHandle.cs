using Microsoft.Win32.SafeHandles;

namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// Owns one <c>apriltag_detector_t*</c> and frees it with <c>apriltag_detector_destroy</c> exactly
/// once, then releases the references it holds on the families added to it (libapriltag keeps
/// pointers to them, so they must be destroyed after the detector).
/// </summary>
internal sealed unsafe class SafeAprilTagDetectorHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly AprilTagNativeLibrary library;
    private readonly List<SafeAprilTagFamilyHandle> families = [];

    private SafeAprilTagDetectorHandle(AprilTagNativeLibrary library)
        : base(ownsHandle: true)
    {
        this.library = library;
    }

    /// <summary>Creates a detector with no families.</summary>
    /// <exception cref="InvalidOperationException">libapriltag returned null.</exception>
    public static SafeAprilTagDetectorHandle Create(AprilTagNativeLibrary library)
    {
        var result = new SafeAprilTagDetectorHandle(library);
        nint pointer = library.DetectorCreate();
        if (pointer == 0)
        {
            throw new InvalidOperationException("libapriltag could not create a detector.");
        }

        result.SetHandle(pointer);
        return result;
    }

    /// <summary>The settings at the head of the native struct.</summary>
    public NativeDetectorSettings* Settings => (NativeDetectorSettings*)handle;

    /// <summary>Adds a family that corrects up to <paramref name="bitsCorrected"/> bit errors.</summary>
    public void AddFamily(SafeAprilTagFamilyHandle family, int bitsCorrected)
    {
        bool added = false;
        family.DangerousAddRef(ref added);
        families.Add(family);
        library.DetectorAddFamilyBits(handle, family.DangerousGetHandle(), bitsCorrected);
    }

    protected override bool ReleaseHandle()
    {
        library.DetectorDestroy(handle);
        foreach (SafeAprilTagFamilyHandle family in families)
        {
            family.DangerousRelease();
        }

        return true;
    }
}
