namespace RobotSdk.Simulation;

/// <summary>
/// One AprilTag as libapriltag draws it: a square of cells, one byte each (0 black, 255 white), rows
/// top to bottom, the white outer border included.
/// </summary>
/// <param name="Family">The tag family's name, for example <c>tag36h11</c>.</param>
/// <param name="Id">The tag's id in its family.</param>
/// <param name="CellsAcross">Cells per side, white outer border included (10 for tag36h11).</param>
/// <param name="BlackBorderCells">Cells per side inside and including the black border (8 for tag36h11): the "tag size" of pose estimation.</param>
/// <param name="Cells">CellsAcross x CellsAcross bytes.</param>
public sealed record AprilTagBitmap(string Family, int Id, int CellsAcross, int BlackBorderCells, byte[] Cells)
{
    /// <summary>The image scaled up by whole pixels per cell (nearest neighbour, so edges stay sharp): a square Gray8 image, rows top to bottom.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pixelsPerCell"/> is not 1..256.</exception>
    public byte[] Upscale(int pixelsPerCell)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerCell, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelsPerCell, 256);
        int side = CellsAcross * pixelsPerCell;
        var pixels = new byte[side * side];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                pixels[(y * side) + x] = Cells[((y / pixelsPerCell) * CellsAcross) + (x / pixelsPerCell)];
            }
        }

        return pixels;
    }

    /// <summary>The image as PNG (Gray8), <see cref="CellsAcross"/> x <paramref name="pixelsPerCell"/> pixels square.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pixelsPerCell"/> is not 1..256.</exception>
    public byte[] ToPng(int pixelsPerCell)
    {
        byte[] pixels = Upscale(pixelsPerCell);
        int side = CellsAcross * pixelsPerCell;
        using var stream = new MemoryStream();
        Imaging.PngWriter.Write(stream, pixels, side, side, PixelFormat.Gray8);
        return stream.ToArray();
    }
}
