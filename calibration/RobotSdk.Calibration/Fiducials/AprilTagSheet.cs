using System.Globalization;
using System.Xml.Linq;

namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// A printable A4 sheet of AprilTags as SVG in millimetres: each tag drawn cell by cell from
/// libapriltag's own bitmap (<see cref="AprilTagBitmap"/>), its black square exactly the requested
/// size, labelled with family, id and size, plus a 100 mm scale bar to check the printer did not scale.
/// </summary>
/// <remarks>
/// Print at 100 % ("actual size", no "fit to page"), then measure the black square with a ruler or
/// calipers and give that measurement, not the requested size, to calibration. The white quiet zone
/// around each black square (one cell for tag36h11) is part of the tag: cut outside it.
/// </remarks>
public static class AprilTagSheet
{
    /// <summary>A4 portrait, millimetres.</summary>
    public const double PageWidthMm = 210;

    /// <summary>A4 portrait, millimetres.</summary>
    public const double PageHeightMm = 297;

    private const double MarginMm = 12;
    private const double GapMm = 8;
    private const double LabelMm = 6;
    private const double ScaleBarMm = 100;
    private const double ScaleBarAreaMm = 14;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Lays <paramref name="tags"/> out on one A4 page, each with a black square of <paramref name="tagSizeMm"/>.</summary>
    /// <param name="tags">The tags, drawn in order left to right, top to bottom.</param>
    /// <param name="tagSizeMm">Edge of each tag's black square, millimetres (what calibration's tag size means).</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentException">No tags, or more than fit on one page at this size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is not a positive finite number of millimetres up to the page.</exception>
    public static XDocument Create(IReadOnlyList<AprilTagBitmap> tags, double tagSizeMm)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            throw new ArgumentException("Give at least one tag to print.", nameof(tags));
        }

        if (!double.IsFinite(tagSizeMm) || tagSizeMm < 5 || tagSizeMm > PageWidthMm - (2 * MarginMm))
        {
            throw new ArgumentOutOfRangeException(nameof(tagSizeMm), tagSizeMm, $"The black square must be 5 to {PageWidthMm - (2 * MarginMm)} mm to fit an A4 page.");
        }

        AprilTagFamily family = tags[0].Family;
        int border = AprilTagFamilyInfo.BorderWidthCells(family);
        double cell = tagSizeMm / border;
        double outer = cell * tags[0].SizeCells;
        int columns = Math.Max(1, (int)((PageWidthMm - (2 * MarginMm) + GapMm) / (outer + GapMm)));
        int rows = Math.Max(1, (int)((PageHeightMm - (2 * MarginMm) - ScaleBarAreaMm + GapMm) / (outer + LabelMm + GapMm)));
        if (tags.Count > columns * rows)
        {
            throw new ArgumentException($"{tags.Count} tags of {N(tagSizeMm)} mm do not fit one A4 page ({columns * rows} do); print them in several runs.", nameof(tags));
        }

        var page = new XElement(
            Svg + "svg",
            new XAttribute("xmlns", Svg.NamespaceName),
            new XAttribute("width", $"{N(PageWidthMm)}mm"),
            new XAttribute("height", $"{N(PageHeightMm)}mm"),
            new XAttribute("viewBox", $"0 0 {N(PageWidthMm)} {N(PageHeightMm)}"),
            new XElement(Svg + "rect", new XAttribute("width", N(PageWidthMm)), new XAttribute("height", N(PageHeightMm)), new XAttribute("fill", "#fff")));
        for (int i = 0; i < tags.Count; i++)
        {
            AprilTagBitmap tag = tags[i];
            if (tag.Family != family || tag.SizeCells != tags[0].SizeCells)
            {
                throw new ArgumentException($"All tags on a sheet share one family: tag {i} is {tag.Family}, the first {family}.", nameof(tags));
            }

            double left = MarginMm + ((i % columns) * (outer + GapMm));
            double top = MarginMm + ((i / columns) * (outer + LabelMm + GapMm));
            page.Add(DrawTag(tag, left, top, cell));
            page.Add(Text(left, top + outer + 4, $"{family} id {tag.Id}: black square {N(tagSizeMm)} mm"));
        }

        double barTop = PageHeightMm - MarginMm - 6;
        page.Add(new XElement(Svg + "rect", new XAttribute("x", N(MarginMm)), new XAttribute("y", N(barTop)), new XAttribute("width", N(ScaleBarMm)), new XAttribute("height", "2"), new XAttribute("fill", "#000")));
        page.Add(Text(MarginMm, barTop + 6, $"this bar is {N(ScaleBarMm)} mm long when printed at 100 %: measure it, then measure each black square"));
        return new XDocument(page);
    }

    /// <summary>Writes the sheet of <see cref="Create"/> to <paramref name="path"/>.</summary>
    /// <param name="tags">The tags.</param>
    /// <param name="tagSizeMm">Edge of each black square, millimetres.</param>
    /// <param name="path">The .svg file to write.</param>
    public static void Save(IReadOnlyList<AprilTagBitmap> tags, double tagSizeMm, string path) => Create(tags, tagSizeMm).Save(path);

    // Black cells only, one rectangle per horizontal run, over the white page; crispEdges so viewers do not blur the cell borders.
    private static XElement DrawTag(AprilTagBitmap tag, double left, double top, double cell)
    {
        var group = new XElement(Svg + "g", new XAttribute("shape-rendering", "crispEdges"), new XAttribute("fill", "#000"));
        for (int row = 0; row < tag.SizeCells; row++)
        {
            int column = 0;
            while (column < tag.SizeCells)
            {
                if (tag[row, column] >= 128)
                {
                    column++;
                    continue;
                }

                int start = column;
                while (column < tag.SizeCells && tag[row, column] < 128)
                {
                    column++;
                }

                group.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("x", N(left + (start * cell))),
                    new XAttribute("y", N(top + (row * cell))),
                    new XAttribute("width", N((column - start) * cell)),
                    new XAttribute("height", N(cell))));
            }
        }

        return group;
    }

    private static XElement Text(double x, double y, string text) =>
        new(Svg + "text", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "3"), text);

    private static string N(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
