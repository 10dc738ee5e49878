using System.Xml.Linq;
using static RobotSdk.Calibration.Reports.Markup;

namespace RobotSdk.Calibration.Reports;

/// <summary>
/// The camera frame as an embedded PNG with predicted corners (crosses) and detected corners (circles)
/// drawn over it in image coordinates, and a line from each detected corner to its prediction.
/// </summary>
internal static class SvgOverlay
{
    public static XElement Render(ReportOverlay overlay)
    {
        // SVG user units are image pixels; pixel centres sit at integer coordinates, so shift by half a pixel.
        const double Centre = 0.5;
        double radius = Math.Max(2, Math.Max(overlay.Width, overlay.Height) / 160.0);
        var svg = SvgRoot(overlay.Width, overlay.Height, "Camera frame with predicted and detected tag corners", new XAttribute("class", "overlay"));
        if (overlay.Rgb24.IsEmpty)
        {
            svg.Add(S("rect", new XAttribute("class", "frame"), new XAttribute("width", overlay.Width), new XAttribute("height", overlay.Height)));
        }
        else
        {
            byte[] png = PngEncoder.EncodeRgb24(overlay.Width, overlay.Height, overlay.Rgb24.Span);
            svg.Add(S(
                "image",
                new XAttribute("width", overlay.Width),
                new XAttribute("height", overlay.Height),
                new XAttribute("href", "data:image/png;base64," + Convert.ToBase64String(png))));
        }

        int pairs = Math.Min(overlay.Detected.Count, overlay.Predicted.Count);
        for (int i = 0; i < pairs; i++)
        {
            PixelPoint d = overlay.Detected[i];
            PixelPoint p = overlay.Predicted[i];
            svg.Add(S("line", new XAttribute("class", "error-line"), new XAttribute("x1", N(d.X + Centre)), new XAttribute("y1", N(d.Y + Centre)), new XAttribute("x2", N(p.X + Centre)), new XAttribute("y2", N(p.Y + Centre))));
        }

        foreach (PixelPoint d in overlay.Detected)
        {
            svg.Add(S("circle", new XAttribute("class", "marker detected"), new XAttribute("cx", N(d.X + Centre)), new XAttribute("cy", N(d.Y + Centre)), new XAttribute("r", N(radius))));
        }

        foreach (PixelPoint p in overlay.Predicted)
        {
            double x = p.X + Centre;
            double y = p.Y + Centre;
            svg.Add(S(
                "path",
                new XAttribute("class", "marker predicted"),
                new XAttribute("d", $"M{N(x - radius)} {N(y - radius)}L{N(x + radius)} {N(y + radius)}M{N(x - radius)} {N(y + radius)}L{N(x + radius)} {N(y - radius)}")));
        }

        return svg;
    }
}
