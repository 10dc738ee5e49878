using Microsoft.Win32.SafeHandles;

namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// Owns one <c>apriltag_family_t*</c> from <c>tag36h11_create</c> or <c>tagStandard41h12_create</c> and
/// frees it with the matching destroy function exactly once. A detector that uses the family holds a
/// reference on this handle, so the family outlives the detector.
/// </summary>
internal sealed unsafe class SafeAprilTagFamilyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly AprilTagNativeLibrary library;

    private SafeAprilTagFamilyHandle(AprilTagNativeLibrary library, AprilTagFamily family)
        : base(ownsHandle: true)
    {
        this.library = library;
        Family = family;
    }

    /// <summary>Which family this is.</summary>
    public AprilTagFamily Family { get; }

    /// <summary>Creates the family's native code tables.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown family.</exception>
    /// <exception cref="InvalidOperationException">libapriltag returned null.</exception>
    public static SafeAprilTagFamilyHandle Create(AprilTagNativeLibrary library, AprilTagFamily family)
    {
        var result = new SafeAprilTagFamilyHandle(library, family);
        nint pointer = family switch
        {
            AprilTagFamily.Tag36h11 => library.Tag36h11Create(),
            AprilTagFamily.TagStandard41h12 => library.TagStandard41h12Create(),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown AprilTag family."),
        };
        if (pointer == 0)
        {
            throw new InvalidOperationException($"libapriltag could not create the {family} family.");
        }

        result.SetHandle(pointer);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        if (Family == AprilTagFamily.Tag36h11)
        {
            library.Tag36h11Destroy(handle);
        }
        else
        {
            library.TagStandard41h12Destroy(handle);
        }

        return true;
    }
}
