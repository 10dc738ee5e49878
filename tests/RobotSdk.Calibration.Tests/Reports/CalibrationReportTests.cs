using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using RobotSdk.Calibration.Reports;

namespace RobotSdk.Calibration.Tests.Reports;

public sealed class CalibrationReportTests
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static CalibrationReportData Sample(string arm = "so101") =>
        new(
            arm,
            "so101 ids 1-6",
            "overhead",
            new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero),
            4.25,
            0.3141592653589793,
            [3.5, 5.25, 4.0],
            [0.25, 0.5, 0.125],
            ["shoulder_pan", "shoulder_lift", "elbow_flex"],
            [0.01, -0.05, 0.02],
            ["Held: base height, absorbed by the camera pose.", "Condition number 42."])
        {
            HeldOutToolErrorsBeforeMillimetres = [8.5, 9.75, 12.0, 7.0],
            HeldOutToolErrorsAfterMillimetres = [1.0, 1.5, 2.25, 0.75],
            Overlay = new ReportOverlay(
                4,
                3,
                Enumerable.Range(0, 36).Select(i => (byte)(i * 7)).ToArray(),
                [new PixelPoint(1, 1), new PixelPoint(2, 1), new PixelPoint(2, 2)],
                [new PixelPoint(1.1, 0.9), new PixelPoint(2.1, 1.1), new PixelPoint(2, 2.2), new PixelPoint(1, 2)]),
        };

    private static XDocument Parse(CalibrationReportData data) => XDocument.Parse(CalibrationReport.Render(data));

    private static XElement Chart(XDocument page, string kind) =>
        Assert.Single(page.Descendants(Svg + "svg"), svg => ((string?)svg.Attribute("class"))?.Split(' ').Contains(kind) == true);

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static XElement[] Bars(XElement chart, int series = -1) =>
        [.. chart.Elements(Svg + "rect").Where(rect => ((string?)rect.Attribute("class"))?.StartsWith(series < 0 ? "bar" : $"bar series-{series}", StringComparison.Ordinal) == true)];

    private static double PlotBottom(XElement chart)
    {
        XElement area = chart.Elements(Svg + "rect").First(rect => (string?)rect.Attribute("class") == "plot-area");
        return Number(area, "y") + Number(area, "height");
    }

    private static double PlotHeight(XElement chart) =>
        Number(chart.Elements(Svg + "rect").First(rect => (string?)rect.Attribute("class") == "plot-area"), "height");

    [Fact]
    public void Render_ParsesAsXml_WithOneSvgPerPlot()
    {
        XDocument page = Parse(Sample());

        Assert.Equal(Html + "html", page.Root!.Name);
        Assert.Equal(4, page.Descendants(Svg + "svg").Count());
        Chart(page, "residuals");
        Chart(page, "offsets");
        Chart(page, "histogram");
        Chart(page, "overlay");
        Assert.Empty(page.Descendants(Html + "script"));
    }

    [Fact]
    public void Render_DrawsOneMarkerPerCorner_OnTheEmbeddedFrame()
    {
        CalibrationReportData data = Sample();
        XElement overlay = Chart(Parse(data), "overlay");

        Assert.Equal(3, overlay.Elements().Count(e => (string?)e.Attribute("class") == "marker detected"));
        Assert.Equal(4, overlay.Elements().Count(e => (string?)e.Attribute("class") == "marker predicted"));
        Assert.Equal(3, overlay.Elements().Count(e => (string?)e.Attribute("class") == "error-line"));
        Assert.Equal("0 0 4 3", (string?)overlay.Attribute("viewBox"));
        string href = (string)overlay.Element(Svg + "image")!.Attribute("href")!;
        Assert.StartsWith("data:image/png;base64,", href, StringComparison.Ordinal);
        AssertPngHolds(Convert.FromBase64String(href["data:image/png;base64,".Length..]), 4, 3, data.Overlay!.Rgb24.ToArray());
    }

    [Fact]
    public void Render_PutsTheInputNumbersInTheSummary()
    {
        CalibrationReportData data = Sample();
        XDocument page = Parse(data);
        double Value(string id) => Number(
            page.Descendants(Html + "tr").Single(row => (string?)row.Attribute("id") == id).Elements(Html + "td").Single(td => (string?)td.Attribute("class") == "value"),
            "data-value");

        Assert.Equal(data.RmsBeforePixels, Value("rms-before"));
        Assert.Equal(data.RmsAfterPixels, Value("rms-after"));
        Assert.Equal(3, Value("pose-count"));
        Assert.Equal(0.05 * 180 / Math.PI, Value("largest-offset"));
        Assert.Equal(4, Value("held-out-count"));
        Assert.Equal((8.5 + 9.75) / 2, Value("held-out-median-before"), 12);
        Assert.Equal(1.25, Value("held-out-median-after"), 12);
        Assert.Equal(data.IdentifiabilityLines, page.Descendants(Html + "ul").Single().Elements(Html + "li").Select(li => li.Value));
    }

    [Fact]
    public void Render_EscapesText()
    {
        string html = CalibrationReport.Render(Sample("arm <&> \"x\""));
        XDocument page = XDocument.Parse(html);

        Assert.Contains("arm <&> \"x\"", page.Descendants(Html + "h1").Single().Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<&>", html, StringComparison.Ordinal);
        Assert.Contains("arm &lt;&amp;&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScalesTheTallestBarToThePlotHeight_AndTheOthersInProportion()
    {
        XElement residuals = Chart(Parse(Sample()), "residuals");
        XElement[] before = Bars(residuals, 0);

        Assert.Equal(3, before.Length);
        Assert.Equal(PlotHeight(residuals), Number(before[1], "height"), 2);
        Assert.Equal(PlotHeight(residuals) * 3.5 / 5.25, Number(before[0], "height"), 1);
        Assert.All(before, bar => Assert.Equal(PlotBottom(residuals), Number(bar, "y") + Number(bar, "height"), tolerance: 0.011));
    }

    [Fact]
    public void Render_HangsNegativeOffsetsBelowTheZeroLine()
    {
        XElement offsets = Chart(Parse(Sample()), "offsets");
        XElement[] bars = Bars(offsets);
        double zero = Number(offsets.Elements(Svg + "line").Single(line => (string?)line.Attribute("class") == "axis"), "y1");

        Assert.Equal(-0.05 * 180 / Math.PI, double.Parse((string)bars[1].Attribute("data-value")!, CultureInfo.InvariantCulture));
        Assert.Equal(zero, Number(bars[1], "y"), 2);
        Assert.Equal(zero, Number(bars[0], "y") + Number(bars[0], "height"), tolerance: 0.011); // each coordinate rounded to 0.01
    }

    [Fact]
    public void Render_DrawsFlatBarsWithFiniteCoordinates_WhenAllDataAreZero()
    {
        CalibrationReportData data = Sample() with
        {
            RmsBeforePixels = 0,
            RmsAfterPixels = 0,
            ResidualsBeforePixels = [0, 0, 0],
            ResidualsAfterPixels = [0, 0, 0],
            JointOffsetsRadians = [0, 0, 0],
            HeldOutToolErrorsBeforeMillimetres = [0, 0],
            HeldOutToolErrorsAfterMillimetres = [0, 0],
        };
        XDocument page = Parse(data);

        foreach (string kind in (string[])["residuals", "offsets", "histogram"])
        {
            XElement chart = Chart(page, kind);
            Assert.All(chart.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "width" or "height" or "x1" or "y1"), a => Assert.True(double.IsFinite(double.Parse(a.Value, CultureInfo.InvariantCulture)), $"{kind}: {a}"));
        }

        Assert.All(Bars(Chart(page, "residuals")), bar => Assert.Equal(0, Number(bar, "height")));
        Assert.Equal(2, Bars(Chart(page, "histogram"), 1).Sum(bar => Number(bar, "data-value")));
    }

    [Fact]
    public void Render_FillsThePlotWidth_WithOnePose()
    {
        CalibrationReportData data = Sample() with { ResidualsBeforePixels = [2.0], ResidualsAfterPixels = [0.5] };
        XElement residuals = Chart(Parse(data), "residuals");
        XElement[] bars = Bars(residuals);

        Assert.Equal(2, bars.Length);
        Assert.Equal(PlotHeight(residuals), Number(bars[0], "height"), 2);
        Assert.Equal(PlotHeight(residuals) / 4, Number(bars[1], "height"), 2);
        Assert.InRange(Number(bars[0], "width"), 100, 640);
        Assert.All(bars, bar => Assert.InRange(Number(bar, "x") + Number(bar, "width"), 0, 640));
    }

    [Fact]
    public void Render_SaysSo_WhenNothingWasHeldOutAndNoFrameGiven()
    {
        XDocument page = Parse(Sample() with { HeldOutToolErrorsBeforeMillimetres = [], HeldOutToolErrorsAfterMillimetres = [], Overlay = null });

        Assert.Equal(2, page.Descendants(Svg + "svg").Count());
        Assert.Contains(page.Descendants(Html + "p"), p => p.Value.StartsWith("No poses were held out", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Descendants(Html + "tr"), row => (string?)row.Attribute("id") == "held-out-count");
    }

    [Fact]
    public void Render_RefusesNaN_NamingTheFieldAndIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => CalibrationReport.Render(Sample() with { ResidualsAfterPixels = [0.1, double.NaN, 0.2] }));

        Assert.Equal("ResidualsAfterPixels[1] is NaN; a report needs finite numbers.", error.Message);
    }

    [Fact]
    public void Render_RefusesCornersAtInfinity()
    {
        CalibrationReportData data = Sample();
        data = data with { Overlay = data.Overlay! with { Predicted = [new PixelPoint(double.PositiveInfinity, 0)] } };

        var error = Assert.Throws<ArgumentException>(() => CalibrationReport.Render(data));

        Assert.StartsWith("Overlay.Predicted[0] is ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusesResidualListsOfDifferentLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => CalibrationReport.Render(Sample() with { ResidualsAfterPixels = [0.1] }));

        Assert.Equal("ResidualsBeforePixels has 3 entries but ResidualsAfterPixels has 1; they pair up.", error.Message);
    }

    [Fact]
    public void Write_WritesTheRenderedPage()
    {
        string path = Path.Combine(Path.GetTempPath(), $"robotsdk-report-{Guid.NewGuid():N}.html");
        try
        {
            CalibrationReport.Write(Sample(), path);

            Assert.Equal(CalibrationReport.Render(Sample()), File.ReadAllText(path));
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Reads the PNG back chunk by chunk: signature, CRCs, IHDR and the inflated scanlines.
    private static void AssertPngHolds(byte[] png, int width, int height, byte[] rgb)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int offset = 8;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            byte[] data = png[(offset + 8)..(offset + 8 + length)];
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc32(png.AsSpan(offset + 4, 4 + length)), crc);
            types.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(data));
                Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4)));
                Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, data[8..]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] expected = [.. Enumerable.Range(0, height).SelectMany(row => rgb.Skip(row * width * 3).Take(width * 3).Prepend((byte)0))];
        Assert.Equal(expected, raw.ToArray());
    }

    // Bitwise CRC-32, independent of the encoder's table.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }
}
