using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Calibration.Fiducials;

namespace RobotSdk.Calibration.Tests;

public sealed class AprilTagSheetTests
{
    private const double PixelsPerMm = 8;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void APrintedSheet_IsDetectedByTheRealDetector_WithTheIdsAndTheBlackSquareSizeAsked()
    {
        AprilTagBitmap[] tags = [.. new[] { 0, 3, 10 }.Select(id => AprilTagBitmap.Create(AprilTagFamily.Tag36h11, id))];

        XDocument sheet = AprilTagSheet.Create(tags, tagSizeMm: 36);

        Assert.Equal("210mm", sheet.Root!.Attribute("width")!.Value);
        Assert.Equal("297mm", sheet.Root.Attribute("height")!.Value);
        (byte[] gray, int width, int height) = Rasterize(sheet);
        using var detector = new AprilTagDetector(new AprilTagDetectorOptions { Decimate = 1 });
        IReadOnlyList<AprilTagDetection> found = detector.Detect(gray, width, height, width);
        Assert.Equal([0, 3, 10], found.Select(d => d.Id).Order());
        foreach (AprilTagDetection detection in found)
        {
            for (int k = 0; k < 4; k++)
            {
                double edge = Distance(detection.Corners[k], detection.Corners[(k + 1) % 4]) / PixelsPerMm;
                Assert.InRange(edge, 35.9, 36.1);
            }
        }
    }

    [Fact]
    public void TooManyTags_OrAnImpossibleSize_AreRefused_SayingWhy()
    {
        AprilTagBitmap tag = AprilTagBitmap.Create(AprilTagFamily.Tag36h11, 1);

        var tooMany = Assert.Throws<ArgumentException>(() => AprilTagSheet.Create(Enumerable.Repeat(tag, 40).ToArray(), 60));
        Assert.Contains("do not fit one A4 page", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => AprilTagSheet.Create([tag], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AprilTagSheet.Create([tag], double.NaN));
        Assert.Throws<ArgumentException>(() => AprilTagSheet.Create([], 36));
    }

    // Draws the sheet's rectangles (all it contains besides text) into a white grey image at PixelsPerMm.
    private static (byte[] Gray, int Width, int Height) Rasterize(XDocument sheet)
    {
        int width = (int)(AprilTagSheet.PageWidthMm * PixelsPerMm);
        int height = (int)(AprilTagSheet.PageHeightMm * PixelsPerMm);
        var gray = new byte[width * height];
        Array.Fill(gray, (byte)255);
        foreach (XElement rect in sheet.Descendants(Svg + "rect"))
        {
            string fill = (string?)rect.Attribute("fill") ?? (string?)rect.Parent?.Attribute("fill") ?? "#000";
            if (fill != "#000")
            {
                continue;
            }

            int x0 = Pixel(rect, "x"), y0 = Pixel(rect, "y");
            int x1 = (int)Math.Round((Number(rect, "x") + Number(rect, "width")) * PixelsPerMm);
            int y1 = (int)Math.Round((Number(rect, "y") + Number(rect, "height")) * PixelsPerMm);
            for (int y = y0; y < y1; y++)
            {
                gray.AsSpan((y * width) + x0, x1 - x0).Clear();
            }
        }

        return (gray, width, height);
    }

    private static int Pixel(XElement rect, string name) => (int)Math.Round(Number(rect, name) * PixelsPerMm);

    private static double Number(XElement rect, string name) =>
        rect.Attribute(name) is { } attribute ? double.Parse(attribute.Value, CultureInfo.InvariantCulture) : 0;

    private static double Distance(PixelPoint a, PixelPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
