using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>
/// Draws AprilTags with the real library (Debian's <c>libapriltag3</c>, <c>apriltag_to_image</c>), so
/// a simulated tag carries exactly the code a detector decodes.
/// </summary>
public static unsafe class AprilTagImages
{
    /// <summary>The family name used in MJCF site names (<c>apriltag_tag36h11_&lt;id&gt;</c>).</summary>
    public const string Tag36h11 = "tag36h11";

    private const string InstallHint =
        "AprilTag images need libapriltag.so.3 from Debian's libapriltag3 package: `sudo apt-get install libapriltag3` "
        + "(or `bash eng/bootstrap.sh` from the repository root).";

    private static readonly Lazy<string?> LoadFailure = new(Probe);

    private delegate T FamilyUse<T>(AprilTagNativeMethods.Family* family);

    /// <summary>How many tags tag36h11 has (ids 0 to count - 1; 587 in libapriltag 3.3.0).</summary>
    /// <exception cref="SimulationUnavailableException">libapriltag3 is not installed.</exception>
    public static int Tag36h11Count => WithTag36h11(family => (int)family->CodeCount);

    /// <summary>Draws tag36h11 tag <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not in the family.</exception>
    /// <exception cref="SimulationUnavailableException">libapriltag3 is not installed.</exception>
    public static AprilTagBitmap RenderTag36h11(int id) => WithTag36h11(family =>
    {
        if (id < 0 || id >= family->CodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"tag36h11 ids are 0..{family->CodeCount - 1}.");
        }

        AprilTagNativeMethods.ImageU8* image = AprilTagNativeMethods.ToImage(family, id);
        if (image is null)
        {
            throw new SimulationException($"libapriltag could not draw tag36h11 tag {id}.", "apriltag_to_image returned NULL");
        }

        try
        {
            if (image->Width != family->TotalWidth || image->Height != family->TotalWidth)
            {
                throw new SimulationException(
                    $"libapriltag drew tag36h11 tag {id} as {image->Width}x{image->Height}, not {family->TotalWidth} cells square.",
                    "unexpected apriltag_to_image size");
            }

            int side = image->Width;
            var cells = new byte[side * side];
            for (int y = 0; y < side; y++)
            {
                new ReadOnlySpan<byte>(image->Buffer + ((long)y * image->Stride), side).CopyTo(cells.AsSpan(y * side, side));
            }

            return new AprilTagBitmap(Tag36h11, id, side, family->WidthAtBorder, cells);
        }
        finally
        {
            AprilTagNativeMethods.DestroyImage(image);
        }
    });

    private static T WithTag36h11<T>(FamilyUse<T> use)
    {
        if (LoadFailure.Value is { } failure)
        {
            throw new SimulationUnavailableException($"{InstallHint}{Environment.NewLine}{failure}", failure);
        }

        AprilTagNativeMethods.Family* family = AprilTagNativeMethods.CreateTag36h11();
        try
        {
            return use(family);
        }
        finally
        {
            AprilTagNativeMethods.DestroyTag36h11(family);
        }
    }

    /// <summary>Null when the library loads; otherwise the loader's reason.</summary>
    private static string? Probe()
    {
        if (NativeLibrary.TryLoad(AprilTagNativeMethods.Library, typeof(AprilTagImages).Assembly, null, out _))
        {
            return null;
        }

        try
        {
            NativeLibrary.Load(AprilTagNativeMethods.Library);
            return null;
        }
        catch (DllNotFoundException exception)
        {
            return exception.Message;
        }
    }
}
