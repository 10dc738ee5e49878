using System.Xml;
using System.Xml.Linq;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// The geometric part of an <see cref="ArmImprecision"/>, applied to an arm's MJCF text before it is
/// compiled: link-length errors on the chain's body offsets and pose errors on the cameras. Keeps the
/// nominal document, so the nominal poses stay known.
/// </summary>
/// <remarks>
/// Link lengths: for each body from the first joint's body to <see cref="SimulatedArmModel.ToolBody"/>
/// (chain order), <c>pos</c> becomes pos x (1 + delta / |pos|): the offset from the parent frame grows
/// by delta along its own direction (delta up to the link figure, or the tool-offset figure for the
/// tool body); orientations are kept. Cameras: a camera inside the chain's
/// subtree is on the arm (wrist errors), any other is a scene camera; its true position is the
/// nominal plus an error of the set size in a random direction of its parent's frame, its true
/// orientation the nominal turned by the set angle about a random axis of the camera's own frame.
/// </remarks>
internal sealed class MjcfImprecision
{
    /// <summary>Applies <paramref name="imprecision"/> (nothing when null or all zero) to <paramref name="mjcf"/>.</summary>
    /// <exception cref="ArgumentException">The MJCF is not XML, or lacks the arm's first joint or tool body, or the tool is not below the first joint.</exception>
    public MjcfImprecision(string mjcf, SimulatedArmModel arm, ArmImprecision? imprecision)
    {
        ArgumentException.ThrowIfNullOrEmpty(mjcf);
        ArgumentNullException.ThrowIfNull(arm);
        try
        {
            Nominal = XDocument.Parse(mjcf);
        }
        catch (XmlException exception)
        {
            throw new ArgumentException($"The MJCF of '{arm.Name}' is not well-formed XML: {exception.Message}", nameof(mjcf), exception);
        }

        NominalXml = mjcf;
        Frames = new MjcfFrames(Nominal);
        ChainStart = FindChainStart(Nominal, arm);
        XElement tool = Tool = FindBody(Nominal, arm.ToolBody)
            ?? throw new ArgumentException($"The MJCF of '{arm.Name}' has no body '{arm.ToolBody}' (the tool body).", nameof(arm));
        List<XElement> ancestors = tool.AncestorsAndSelf("body").ToList();
        int start = ancestors.IndexOf(ChainStart);
        if (start < 0)
        {
            throw new ArgumentException($"The tool body '{arm.ToolBody}' is not below the first joint's body '{(string?)ChainStart.Attribute("name")}'.", nameof(arm));
        }

        List<XElement> chain = ancestors.Take(start + 1).Reverse().ToList();
        XDocument perturbed = new(Nominal);
        ArmImprecision figures = imprecision ?? new ArmImprecision();
        var draws = new ImprecisionDraws(figures.Seed);
        LinkLengthErrors = PerturbLinks(Frames, perturbed, chain, figures, draws);
        Cameras = PerturbCameras(perturbed, figures, draws);
        TagMounts = PerturbTagMounts(perturbed, figures, draws);
        Xml = figures.MaxLinkLengthErrorMillimeters > 0 || figures.MaxToolOffsetErrorMillimeters > 0 || figures.HasCameraErrors || figures.HasTagMountErrors ? perturbed.ToString(SaveOptions.DisableFormatting) : mjcf;
    }

    /// <summary>The MJCF text to compile (the input, unchanged, when there is no geometric error).</summary>
    public string Xml { get; }

    /// <summary>The MJCF as authored.</summary>
    public XDocument Nominal { get; }

    /// <summary>The MJCF text as authored.</summary>
    public string NominalXml { get; }

    /// <summary>How the nominal document reads frames.</summary>
    public MjcfFrames Frames { get; }

    /// <summary>The body that holds the arm's first joint (in <see cref="Nominal"/>).</summary>
    public XElement ChainStart { get; }

    /// <summary>The arm's tool body (in <see cref="Nominal"/>).</summary>
    public XElement Tool { get; }

    /// <summary>Per chain body, metres added to its offset.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> LinkLengthErrors { get; }

    /// <summary>Per camera, nominal and true pose.</summary>
    public IReadOnlyList<CameraPoseTruth> Cameras { get; }

    /// <summary>Per AprilTag site on the arm, nominal and true pose.</summary>
    public IReadOnlyList<TagMountTruth> TagMounts { get; }

    /// <summary>
    /// The nominal (as authored) pose of site <paramref name="siteName"/> in the frame of the body holding
    /// joint <paramref name="jointName"/>; null when either is missing or a joint lies between them (the
    /// site is then not fixed to that body).
    /// </summary>
    public Pose? GetNominalSitePose(string siteName, string jointName)
    {
        XElement? site = Nominal.Descendants("site").FirstOrDefault(element => (string?)element.Attribute("name") == siteName);
        XElement? body = Nominal.Descendants("joint").FirstOrDefault(element => (string?)element.Attribute("name") == jointName)?.Parent;
        if (site is null || body is null || site.Ancestors("body").FirstOrDefault(IsJointed) != body)
        {
            return null;
        }

        return Frames.ReadInWorld(body).Inverse() * Frames.ReadInWorld(site);
    }

    /// <summary>
    /// The nominal pose of camera <paramref name="cameraName"/>'s optical frame relative to the arm's base
    /// (the body holding the first joint's body) for <see cref="CameraMount.Fixed"/>, or to the tool body
    /// for <see cref="CameraMount.Wrist"/>, as a <see cref="CameraRigEntry.Extrinsics"/> wants it; null
    /// when there is no such camera or a joint lies between it and that frame (no fixed pose exists).
    /// </summary>
    public Pose? GetNominalExtrinsics(string cameraName, CameraMount mount)
    {
        XElement? camera = Nominal.Descendants("camera").FirstOrDefault(element => (string?)element.Attribute("name") == cameraName);
        if (camera is null)
        {
            return null;
        }

        XElement? reference = mount == CameraMount.Wrist ? Tool : ChainStart.Parent is { Name.LocalName: "body" } body ? body : null;
        XElement? cameraCarrier = camera.Ancestors("body").FirstOrDefault(IsJointed);
        XElement? referenceCarrier = reference?.AncestorsAndSelf("body").FirstOrDefault(IsJointed);
        if (cameraCarrier != referenceCarrier)
        {
            return null;
        }

        Pose referenceInWorld = reference is null ? Pose.Identity : Frames.ReadInWorld(reference);
        return referenceInWorld.Inverse() * Frames.ReadInWorld(camera) * SimulatedCamera.OpenGlToOptical;
    }

    /// <summary>
    /// The <c>armature</c> of joint <paramref name="jointName"/> (reflected rotor inertia, kg m^2): its own,
    /// else its default class's (<c>class</c>, else the nearest ancestor body's <c>childclass</c>, else
    /// <c>main</c>, each inheriting from its parent class), else 0 (MuJoCo's default).
    /// </summary>
    public double ReadJointArmature(string jointName)
    {
        XElement? joint = Nominal.Descendants("joint").FirstOrDefault(element => (string?)element.Attribute("name") == jointName);
        if (joint is null)
        {
            return 0;
        }

        if (joint.Attribute("armature") is { } own)
        {
            return double.Parse(own.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        string className = (string?)joint.Attribute("class")
            ?? joint.Ancestors("body").Select(body => (string?)body.Attribute("childclass")).FirstOrDefault(name => name is not null)
            ?? "main";
        IEnumerable<XElement> defaults = Nominal.Descendants("default");
        XElement? start = defaults.FirstOrDefault(element => (string?)element.Attribute("class") == className)
            ?? (className == "main" ? defaults.FirstOrDefault(element => element.Parent?.Name.LocalName == "mujoco") : null);
        for (XElement? level = start; level is { Name.LocalName: "default" }; level = level.Parent)
        {
            if (level.Element("joint")?.Attribute("armature") is { } inherited)
            {
                return double.Parse(inherited.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>The body named <paramref name="name"/>.</summary>
    public static XElement? FindBody(XDocument document, string name) =>
        document.Descendants("body").FirstOrDefault(body => (string?)body.Attribute("name") == name);

    private static bool IsJointed(XElement body) => body.Elements().Any(child => child.Name.LocalName is "joint" or "freejoint");

    private static XElement FindChainStart(XDocument document, SimulatedArmModel arm)
    {
        string first = arm.Joints[0].Name;
        XElement joint = document.Descendants("joint").FirstOrDefault(element => (string?)element.Attribute("name") == first)
            ?? throw new ArgumentException($"The MJCF of '{arm.Name}' has no joint '{first}'.", nameof(arm));
        return joint.Parent is { Name.LocalName: "body" } body
            ? body
            : throw new ArgumentException($"Joint '{first}' is not inside a body.", nameof(arm));
    }

    private static List<KeyValuePair<string, double>> PerturbLinks(MjcfFrames frames, XDocument perturbed, List<XElement> chain, ArmImprecision figures, ImprecisionDraws draws)
    {
        var random = new Random(draws.LinkSeed);
        var errors = new List<KeyValuePair<string, double>>(chain.Count);
        for (int link = 0; link < chain.Count; link++)
        {
            XElement nominal = chain[link];
            string name = (string?)nominal.Attribute("name") ?? throw new ArgumentException("A body of the arm's chain has no name.");
            // The last body is the tool frame on the last link, a drawing's dimension rather than a link between joints.
            double maximum = (link == chain.Count - 1 ? figures.MaxToolOffsetErrorMillimeters : figures.MaxLinkLengthErrorMillimeters) / 1000;
            double delta = ImprecisionDraws.Uniform(random, maximum);
            Vector3D offset = frames.Read(nominal).Position;
            double length = offset.Length;
            if (length < 1e-9 || delta == 0)
            {
                // No direction to lengthen along (a body at its parent's origin): the link has no length.
                errors.Add(new(name, 0));
                continue;
            }

            MjcfFrames.WritePosition(FindBody(perturbed, name)!, (1 + (delta / length)) * offset);
            errors.Add(new(name, delta));
        }

        return errors;
    }

    private List<TagMountTruth> PerturbTagMounts(XDocument perturbed, ArmImprecision figures, ImprecisionDraws draws)
    {
        var random = new Random(draws.TagMountSeed);
        double maximumDistance = figures.MaxTagMountPositionErrorMillimeters / 1000;
        double maximumAngle = figures.MaxTagMountRotationErrorDegrees * Math.PI / 180;
        var mounts = new List<TagMountTruth>();
        foreach (XElement site in ChainStart.Descendants("site").Where(site => ((string?)site.Attribute("name") ?? string.Empty).StartsWith("apriltag_", StringComparison.Ordinal)))
        {
            string name = (string)site.Attribute("name")!;
            // Draw for every tag, moved or not, so one figure never reshuffles the other's draws.
            double distance = random.NextDouble() * maximumDistance;
            double heading = random.NextDouble() * 2 * Math.PI;
            double angle = ImprecisionDraws.Uniform(random, maximumAngle);
            Pose nominal = Frames.Read(site);
            Pose truth = nominal;
            if (distance > 0 || angle != 0)
            {
                // The holder sits flat on its face: it slides in the tag's plane and turns about the tag's normal, never
                // sinks into the surface (the tag is drawn only 0.2-0.5 mm proud of it, and a buried edge is not detected).
                Vector3D inPlane = nominal.Orientation.Rotate(new Vector3D(Math.Cos(heading), Math.Sin(heading), 0));
                truth = new Pose(nominal.Position + (distance * inPlane), nominal.Orientation * Rotation.FromAxisAngle(new Vector3D(0, 0, 1), angle));
                XElement target = perturbed.Descendants("site").First(element => (string?)element.Attribute("name") == name);
                MjcfFrames.Write(target, truth);
            }

            string body = (string?)site.Parent?.Attribute("name") ?? "body";
            mounts.Add(new TagMountTruth(name, body, nominal, truth));
        }

        return mounts;
    }

    private List<CameraPoseTruth> PerturbCameras(XDocument perturbed, ArmImprecision figures, ImprecisionDraws draws)
    {
        var scene = new Random(draws.SceneCameraSeed);
        var wrist = new Random(draws.WristCameraSeed);
        List<XElement> nominalCameras = Nominal.Descendants("camera").ToList();
        List<XElement> perturbedCameras = perturbed.Descendants("camera").ToList();
        var cameras = new List<CameraPoseTruth>(nominalCameras.Count);
        for (int i = 0; i < nominalCameras.Count; i++)
        {
            XElement camera = nominalCameras[i];
            string name = (string?)camera.Attribute("name") ?? $"camera{i}";
            bool onArm = camera.Ancestors("body").Contains(ChainStart);
            double distance = (onArm ? figures.WristCameraPositionErrorMillimeters : figures.SceneCameraPositionErrorMillimeters) / 1000;
            double angle = (onArm ? figures.WristCameraRotationErrorDegrees : figures.SceneCameraRotationErrorDegrees) * Math.PI / 180;
            Random random = onArm ? wrist : scene;

            // Draw for every camera, moved or not, so one camera's error does not depend on another's figures.
            Vector3D direction = ImprecisionDraws.Direction(random);
            Vector3D axis = ImprecisionDraws.Direction(random);
            Pose nominal = Frames.Read(camera);
            Pose truth = nominal;
            if (distance > 0 || angle > 0)
            {
                truth = new Pose(nominal.Position + (distance * direction), nominal.Orientation * Rotation.FromAxisAngle(axis, angle));
                MjcfFrames.Write(perturbedCameras[i], truth);
            }

            string parent = camera.Parent is { Name.LocalName: "body" } body ? (string?)body.Attribute("name") ?? "body" : "world";
            cameras.Add(new CameraPoseTruth(name, parent, onArm, nominal * SimulatedCamera.OpenGlToOptical, truth * SimulatedCamera.OpenGlToOptical));
        }

        return cameras;
    }
}
