using RobotSdk.Simulation.Imaging;

namespace RobotSdk.Simulation.Tests;

public sealed class AprilTagImagesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-apriltag-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Tag36h11_HasTheFamilysSizeAndLayout()
    {
        AprilTagBitmap tag = AprilTagImages.RenderTag36h11(0);

        Assert.Equal(587, AprilTagImages.Tag36h11Count);
        Assert.Equal(("tag36h11", 0, 10, 8), (tag.Family, tag.Id, tag.CellsAcross, tag.BlackBorderCells));
        // White outer ring, black ring inside it.
        for (int i = 0; i < 10; i++)
        {
            Assert.All(new[] { tag.Cells[i], tag.Cells[90 + i], tag.Cells[i * 10], tag.Cells[(i * 10) + 9] }, cell => Assert.Equal(255, cell));
        }

        for (int i = 1; i < 9; i++)
        {
            Assert.All(new[] { tag.Cells[10 + i], tag.Cells[80 + i], tag.Cells[(i * 10) + 1], tag.Cells[(i * 10) + 8] }, cell => Assert.Equal(0, cell));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(586)]
    public void Png_DecodesAsItsOwnId_WithTheRealDetector_CornersOnTheBlackBorder(int id)
    {
        const int pixelsPerCell = 16;
        string path = Path.Combine(_directory, $"tag{id}.png");
        File.WriteAllBytes(path, AprilTagImages.RenderTag36h11(id).ToPng(pixelsPerCell));

        DetectedTag detected = Assert.Single(AprilTagDetectorPeer.Detect(path));

        Assert.Equal((id, 0), (detected.Id, detected.Hamming));
        // Black border from pixel edge 16 to 144; left-bottom, right-bottom, right-top, left-top.
        (double X, double Y)[] expected = [(16, 144), (144, 144), (144, 16), (16, 16)];
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(detected.Corners[i].X - expected[i].X, -0.3, 0.3);
            Assert.InRange(detected.Corners[i].Y - expected[i].Y, -0.3, 0.3);
        }
    }

    [Fact]
    public void Png_IsTheCellsScaledUpByWholePixels()
    {
        AprilTagBitmap tag = AprilTagImages.RenderTag36h11(3);
        byte[] pixels = tag.Upscale(4);

        Assert.Equal(40 * 40, pixels.Length);
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                Assert.Equal(tag.Cells[((y / 4) * 10) + (x / 4)], pixels[(y * 40) + x]);
            }
        }

        using var expected = new MemoryStream();
        PngWriter.Write(expected, pixels, 40, 40, PixelFormat.Gray8);
        Assert.Equal(expected.ToArray(), tag.ToPng(4));
    }

    [Fact]
    public void RenderTag36h11_RejectsAnIdOutsideTheFamily()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AprilTagImages.RenderTag36h11(587));
        Assert.Throws<ArgumentOutOfRangeException>(() => AprilTagImages.RenderTag36h11(-1));
    }
}
