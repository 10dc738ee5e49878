using System.Runtime.InteropServices;

namespace RobotSdk.Simulation;

/// <summary>
/// The few functions of Debian's <c>libapriltag.so.3</c> (3.3.0) that draw tag images. The soname is
/// bound because the unversioned symlink comes only with the -dev package.
/// </summary>
/// <remarks>
/// Ownership: a family from <see cref="CreateTag36h11"/> is freed with <see cref="DestroyTag36h11"/>;
/// an image from <see cref="ToImage"/> with <see cref="DestroyImage"/>. The library does not export
/// <c>image_u8_destroy</c>; in 3.3.0 an image is two calloc'd blocks (pixels, then the struct), so
/// freeing both with libc's free is what that function does. Layouts (x86-64, from
/// apriltag.h and image_u8.h): <c>apriltag_family_t {uint32 ncodes; uint64* codes; int
/// width_at_border; int total_width; ...}</c>, <c>image_u8_t {int32 width, height, stride; uint8* buf}</c>.
/// </remarks>
internal static unsafe partial class AprilTagNativeMethods
{
    public const string Library = "libapriltag.so.3";

    [StructLayout(LayoutKind.Sequential)]
    public struct Family
    {
        public uint CodeCount;
        public nint Codes;
        public int WidthAtBorder;
        public int TotalWidth;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ImageU8
    {
        public int Width;
        public int Height;
        public int Stride;
        public byte* Buffer;
    }

    [LibraryImport(Library, EntryPoint = "tag36h11_create")]
    public static partial Family* CreateTag36h11();

    [LibraryImport(Library, EntryPoint = "tag36h11_destroy")]
    public static partial void DestroyTag36h11(Family* family);

    /// <summary>The tag's cells, one pixel each, white outer border included (black 0, white 255).</summary>
    [LibraryImport(Library, EntryPoint = "apriltag_to_image")]
    public static partial ImageU8* ToImage(Family* family, int id);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(void* block);

    /// <summary>image_u8_destroy: the pixel buffer, then the struct.</summary>
    public static void DestroyImage(ImageU8* image)
    {
        if (image is not null)
        {
            Free(image->Buffer);
            Free(image);
        }
    }
}
