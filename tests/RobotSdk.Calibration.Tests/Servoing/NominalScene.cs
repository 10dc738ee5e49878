using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Calibration.Fiducials;
using RobotSdk.Geometry;
using RobotSdk.Simulation;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary>
/// What the arm's NOMINAL model says (the MJCF as authored, compiled on its own, never the perturbed
/// world): where the gripper tag sits in the tool frame, where the table tags lie, their sizes, and
/// where the tool sits on the body that carries it. What a user knows from the drawings.
/// </summary>
internal sealed class NominalScene
{
    /// <summary>A site's frame (tag in its xy plane, seen from +z, image top along +y) to the detector's tag frame (+y down the image, +z into the print): half a turn about x.</summary>
    public static readonly Pose SiteToTag = new(Vector3D.Zero, new Rotation(0, 1, 0, 0));

    private readonly XDocument _document;
    private readonly Dictionary<string, Pose> _sites = [];
    private readonly Dictionary<string, Pose> _bodies = [];

    public NominalScene(string nominalMjcf, string toolBody)
    {
        _document = XDocument.Parse(nominalMjcf);
        ToolBody = toolBody;
        XElement tool = _document.Descendants("body").Single(body => (string?)body.Attribute("name") == toolBody);
        ToolParentBody = (string)tool.Parent!.Attribute("name")!;
        using MujocoModel model = MujocoModel.LoadFromXml(nominalMjcf);
        using var simulation = new MujocoSimulation(model);
        simulation.Forward();
        foreach (string site in model.SiteNames.Where(name => name.StartsWith("apriltag_tag36h11_", StringComparison.Ordinal)))
        {
            _sites[site] = simulation.GetSitePose(site);
        }

        _bodies[toolBody] = simulation.GetBodyPose(toolBody);
        _bodies[ToolParentBody] = simulation.GetBodyPose(ToolParentBody);
    }

    public string ToolBody { get; }

    public string ToolParentBody { get; }

    /// <summary>The tool frame in the frame of the body that carries it (both rigid on the last link).</summary>
    public Pose ToolInParent => _bodies[ToolParentBody].Inverse() * _bodies[ToolBody];

    /// <summary>Tag <paramref name="id"/>'s detector frame in the world (the pose the model gives it at its zero configuration).</summary>
    public Pose TagInWorld(int id) => _sites[SiteName(id)] * SiteToTag;

    /// <summary>
    /// The table tags <paramref name="ids"/> as one board whose frame is the first tag's detector frame, the
    /// others where the nominal model lays them relative to it: the sheet a user would print (or measure).
    /// </summary>
    public TagBoard Board(params int[] ids)
    {
        Pose origin = TagInWorld(ids[0]);
        return new TagBoard(ids.Select(id => new BoardTag(AprilTagFamily.Tag36h11, id, TagSize(id), origin.Inverse() * TagInWorld(id))));
    }

    /// <summary>The gripper tag's detector frame in the tool frame.</summary>
    public Pose TagInTool(int id) => _bodies[ToolBody].Inverse() * TagInWorld(id);

    /// <summary>Edge of tag <paramref name="id"/>'s black border, metres (twice the site's size).</summary>
    public double TagSize(int id)
    {
        XElement site = _document.Descendants("site").Single(element => (string?)element.Attribute("name") == SiteName(id));
        return 2 * double.Parse(((string)site.Attribute("size")!).Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static string SiteName(int id) => string.Create(CultureInfo.InvariantCulture, $"apriltag_tag36h11_{id}");
}
