using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// Local frames of MJCF elements (bodies, cameras) read from and written to the XML: <c>pos</c> and
/// one of <c>quat</c>, <c>axisangle</c>, <c>euler</c>, <c>xyaxes</c>, <c>zaxis</c>, with the
/// document's <c>&lt;compiler angle eulerseq&gt;</c> as MuJoCo 2.2.2 reads them.
/// </summary>
internal sealed class MjcfFrames
{
    private static readonly string[] OrientationAttributes = ["quat", "axisangle", "euler", "xyaxes", "zaxis"];
    private readonly MjcfOrientation _orientation;

    /// <summary>Reads the compiler settings of <paramref name="document"/> (MuJoCo's defaults: degrees, <c>xyz</c>).</summary>
    public MjcfFrames(XDocument document) => _orientation = MjcfOrientation.For(document);

    /// <summary>The element's frame in its parent's.</summary>
    public Pose Read(XElement element) => new(MjcfOrientation.ReadPosition(element), _orientation.Read(element));

    /// <summary>Writes <paramref name="pose"/> as <c>pos</c> and <c>quat</c> (round-trip precision), replacing any other orientation attribute.</summary>
    public static void Write(XElement element, Pose pose)
    {
        WritePosition(element, pose.Position);
        foreach (string name in OrientationAttributes)
        {
            element.Attribute(name)?.Remove();
        }

        Rotation q = pose.Orientation;
        element.SetAttributeValue("quat", Format(q.W, q.X, q.Y, q.Z));
    }

    /// <summary>Writes <c>pos</c> only (round-trip precision).</summary>
    public static void WritePosition(XElement element, Vector3D position) =>
        element.SetAttributeValue("pos", Format(position.X, position.Y, position.Z));

    /// <summary>The pose of <paramref name="element"/> in the world at the zero configuration (every joint at 0, which MJCF makes the identity).</summary>
    public Pose ReadInWorld(XElement element)
    {
        Pose pose = Read(element);
        for (XElement? body = element.Parent; body is { Name.LocalName: "body" }; body = body.Parent)
        {
            pose = Read(body) * pose;
        }

        return pose;
    }

    private static string Format(params double[] values) =>
        string.Join(' ', values.Select(value => value.ToString("R", CultureInfo.InvariantCulture)));
}
