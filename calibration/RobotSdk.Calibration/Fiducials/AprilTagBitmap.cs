using System.Runtime.InteropServices;

namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// The printed pattern of one tag as libapriltag draws it (<c>apriltag_to_image</c>): square cells, row
/// 0 at the top, 0 for black and 255 for white. Row and column grow along the tag frame's +y and +x
/// (see <see cref="AprilTagGeometry"/>); print it so that one cell is tag size / border cells.
/// </summary>
public sealed class AprilTagBitmap
{
    private readonly byte[] cells;

    private AprilTagBitmap(AprilTagFamily family, int id, int sizeCells, byte[] cells)
    {
        Family = family;
        Id = id;
        SizeCells = sizeCells;
        this.cells = cells;
    }

    /// <summary>The tag's family.</summary>
    public AprilTagFamily Family { get; }

    /// <summary>The tag's id.</summary>
    public int Id { get; }

    /// <summary>Cells across the whole bitmap (<see cref="AprilTagFamilyInfo.TotalWidthCells"/>).</summary>
    public int SizeCells { get; }

    /// <summary>The cell at <paramref name="row"/> (0 at the top) and <paramref name="column"/> (0 at the left): 0 black, 255 white.</summary>
    public byte this[int row, int column] => cells[(row * SizeCells) + column];

    /// <summary>Draws tag <paramref name="id"/> of <paramref name="family"/> with the native library.</summary>
    /// <param name="family">The family.</param>
    /// <param name="id">0 to <see cref="AprilTagFamilyInfo.IdCount"/> - 1.</param>
    /// <param name="libraryPath">The library to load (default libapriltag.so.3).</param>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside the family.</exception>
    /// <exception cref="AprilTagUnavailableException">The library cannot be loaded.</exception>
    public static unsafe AprilTagBitmap Create(AprilTagFamily family, int id, string libraryPath = AprilTagNativeLibrary.DefaultPath)
    {
        int count = AprilTagFamilyInfo.IdCount(family);
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, count);
        AprilTagNativeLibrary library = AprilTagNativeLibrary.Load(libraryPath);
        using SafeAprilTagFamilyHandle handle = SafeAprilTagFamilyHandle.Create(library, family);
        NativeImageU8* image = library.ToImage(handle.DangerousGetHandle(), id);
        if (image == null)
        {
            throw new InvalidOperationException($"libapriltag could not draw {family} id {id}.");
        }

        try
        {
            int size = image->Width;
            var cells = new byte[size * size];
            for (int row = 0; row < size; row++)
            {
                new ReadOnlySpan<byte>(image->Buffer + (row * image->Stride), size).CopyTo(cells.AsSpan(row * size, size));
            }

            return new AprilTagBitmap(family, id, size, cells);
        }
        finally
        {
            // image_u8_create_stride callocs the struct and its buffer; image_u8_destroy is not exported.
            NativeMemory.Free(image->Buffer);
            NativeMemory.Free(image);
        }
    }
}
