using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// Turns AprilTag sites in MJCF into textured geoms a camera sees. A site named
/// <c>apriltag_tag36h11_&lt;id&gt;</c> declares a tag: it lies in the site's xy plane, seen from the
/// site's +z side, its image top (as <c>apriltag_to_image</c> draws it) along +y and its right along
/// +x; the black-border edge is 2 x the site's <c>size[0]</c> (the white outer border extends beyond).
/// </summary>
/// <remarks>
/// For each such site this adds a <c>2d</c> texture (a PNG drawn by libapriltag, given to MuJoCo as an
/// in-memory file) and a material to <c>&lt;asset&gt;</c>, and, in the site's parent body, a box geom
/// of the same name: face at the site plane, square side = tag side including the white border, 0.4 mm
/// thick behind the face, group 2 (visual-only, as MuJoCo Menagerie's models use it), no contacts
/// and no mass, so dynamics are unchanged. The site itself moves to group 5 (not drawn), since its
/// sphere would cover the tag.
/// Why a box: MuJoCo 2.2.2 maps a 2D texture on a box by object-plane generation (render_gl3.c:
/// s = (x/size_x - 1)/2, t = (-y/size_y - 1)/2 with texrepeat 1), so the whole image covers each face
/// once, image column 0 at -x, image row 0 (the top) at +y: exactly the convention above on the +z face.
/// </remarks>
internal static partial class MjcfAprilTags
{
    /// <summary>Texels per tag cell: 160 x 160 for tag36h11, sharp edges under nearest-neighbour upscaling.</summary>
    public const int PixelsPerCell = 16;

    /// <summary>Half the thickness of the tag slab, metres.</summary>
    public const double HalfThicknessMetres = 0.0002;

    /// <summary>The geom group of tag geoms.</summary>
    public const int GeomGroup = 2;

    /// <summary>A site group MuJoCo's default visual options do not draw (they draw 0, 1 and 2).</summary>
    public const int HiddenSiteGroup = 5;

    private const string SitePrefix = "apriltag_tag36h11_";

    /// <summary>
    /// The MJCF with a textured geom for every tag site, and the PNG files its textures name. Text without
    /// tag sites (or that is not well-formed XML, which MuJoCo then reports) comes back unchanged with no files.
    /// </summary>
    /// <exception cref="SimulationException">A tag site has no size, a bad id, or an unreadable pose.</exception>
    /// <exception cref="SimulationUnavailableException">Tags are declared but libapriltag3 is not installed.</exception>
    public static (string Xml, IReadOnlyDictionary<string, byte[]> Files) AddTagGeoms(string xml)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!xml.Contains(SitePrefix, StringComparison.Ordinal))
        {
            return (xml, files);
        }

        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return (xml, files);
        }

        XElement root = document.Root!;
        List<XElement> sites = root.Descendants("site")
            .Where(site => site.Parent?.Name.LocalName is "body" or "worldbody" && SiteName().IsMatch((string?)site.Attribute("name") ?? string.Empty))
            .ToList();
        if (sites.Count == 0)
        {
            return (xml, files);
        }

        MjcfOrientation orientation = MjcfOrientation.For(document);
        XElement asset = root.Element("asset") ?? AddFirst(root, new XElement("asset"));
        foreach (XElement site in sites)
        {
            string name = (string)site.Attribute("name")!;
            try
            {
                int id = int.Parse(SiteName().Match(name).Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                AprilTagBitmap bitmap = AprilTagImages.RenderTag36h11(id);
                string fileName = "robotsdk_" + name + ".png";
                files[fileName] = bitmap.ToPng(PixelsPerCell);
                asset.Add(
                    new XElement("texture", new XAttribute("name", "robotsdk_" + name), new XAttribute("type", "2d"), new XAttribute("file", fileName)),
                    new XElement(
                        "material",
                        new XAttribute("name", "robotsdk_" + name),
                        new XAttribute("texture", "robotsdk_" + name),
                        new XAttribute("texrepeat", "1 1"),
                        new XAttribute("texuniform", "false"),
                        new XAttribute("rgba", "1 1 1 1"),
                        new XAttribute("specular", "0"),
                        new XAttribute("shininess", "0"),
                        new XAttribute("reflectance", "0")));
                site.Parent!.Add(Geom(site, name, bitmap, orientation));
                // The site's own sphere (radius size[0]) would hide the tag: move it to a group cameras do not draw.
                site.SetAttributeValue("group", HiddenSiteGroup.ToString(CultureInfo.InvariantCulture));
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                throw new SimulationException($"The AprilTag site '{name}' cannot be drawn: {exception.Message}", exception.Message, null, exception);
            }
        }

        return (document.ToString(SaveOptions.DisableFormatting), files);
    }

    /// <summary>The black-border edge of tag36h11 <paramref name="tagId"/> as <paramref name="xml"/> draws it, metres, or null when no site declares that tag.</summary>
    /// <exception cref="SimulationException">The site's size is missing or not a positive length.</exception>
    public static double? ReadBlackBorderEdge(string xml, int tagId)
    {
        string name = SitePrefix + tagId.ToString(CultureInfo.InvariantCulture);
        XElement? site = XDocument.Parse(xml).Descendants("site").FirstOrDefault(element => (string?)element.Attribute("name") == name);
        try
        {
            return site is null ? null : 2 * ReadHalfBlackBorder(site);
        }
        catch (FormatException exception)
        {
            throw new SimulationException($"The AprilTag site '{name}' has no usable size: {exception.Message}", exception.Message, null, exception);
        }
    }

    private static double ReadHalfBlackBorder(XElement site)
    {
        string size = ((string?)site.Attribute("size"))?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new FormatException("it has no size attribute (size[0] = half the black-border edge, metres).");
        double halfBlackBorder = double.Parse(size, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!(halfBlackBorder > 0) || !double.IsFinite(halfBlackBorder))
        {
            throw new FormatException($"its size {size} is not a positive length.");
        }

        return halfBlackBorder;
    }

    private static XElement Geom(XElement site, string name, AprilTagBitmap bitmap, MjcfOrientation orientation)
    {
        double halfBlackBorder = ReadHalfBlackBorder(site);

        // The texture spans the whole image, white border included, so the face is wider than the black border.
        double halfSide = halfBlackBorder * bitmap.CellsAcross / bitmap.BlackBorderCells;
        Rotation rotation = orientation.Read(site);
        Vector3D centre = MjcfOrientation.ReadPosition(site) - rotation.Rotate(new Vector3D(0, 0, HalfThicknessMetres));
        var geom = new XElement(
            "geom",
            new XAttribute("name", name),
            new XAttribute("type", "box"),
            new XAttribute("size", Format(halfSide, halfSide, HalfThicknessMetres)),
            new XAttribute("pos", Format(centre.X, centre.Y, centre.Z)),
            new XAttribute("quat", Format(rotation.W, rotation.X, rotation.Y, rotation.Z)),
            new XAttribute("material", "robotsdk_" + name),
            new XAttribute("rgba", "1 1 1 1"),
            new XAttribute("group", GeomGroup.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("contype", "0"),
            new XAttribute("conaffinity", "0"),
            new XAttribute("mass", "0"));

        // The top default class, not the body's childclass, whose settings (a mesh, a colour) are not ours to inherit.
        if (site.Document?.Root?.Element("default") is { } topDefault)
        {
            geom.ReplaceAttributes(geom.Attributes().Prepend(new XAttribute("class", (string?)topDefault.Attribute("class") ?? "main")).ToArray());
        }

        return geom;
    }

    private static XElement AddFirst(XElement root, XElement element)
    {
        root.AddFirst(element);
        return element;
    }

    private static string Format(params double[] values) =>
        string.Join(' ', values.Select(value => value.ToString("R", CultureInfo.InvariantCulture)));

    [GeneratedRegex("^apriltag_tag36h11_([0-9]{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteName();
}
