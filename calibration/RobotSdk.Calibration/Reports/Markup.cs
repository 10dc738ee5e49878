using System.Globalization;
using System.Xml.Linq;

namespace RobotSdk.Calibration.Reports;

/// <summary>
/// Building blocks of the report's markup. Everything is built as XML (XHTML and SVG namespaces), so text
/// is escaped by construction and the page parses both as HTML and as XML.
/// </summary>
internal static class Markup
{
    public static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>An HTML element; never written self-closed, since HTML parsers read <c>&lt;td/&gt;</c> as an open tag.</summary>
    public static XElement H(string name, params object?[] content)
    {
        var element = new XElement(Html + name, content);
        if (element.IsEmpty)
        {
            element.Value = string.Empty;
        }

        return element;
    }

    /// <summary>An SVG root element, declaring its namespace itself so the serializer invents no prefix.</summary>
    public static XElement SvgRoot(double width, double height, string label, params object?[] content) => new(
        Svg + "svg",
        new XAttribute("xmlns", Svg.NamespaceName),
        new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
        new XAttribute("width", N(width)),
        new XAttribute("height", N(height)),
        new XAttribute("role", "img"),
        new XAttribute("aria-label", label),
        content);

    public static XElement S(string name, params object?[] content) => new(Svg + name, content);

    /// <summary>A coordinate: invariant, at most 2 decimals (a hundredth of a pixel is plenty).</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number for people: 4 significant digits.</summary>
    public static string Readable(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A number for machines: the shortest round-trip form.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
