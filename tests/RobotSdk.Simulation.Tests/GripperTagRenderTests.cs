using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;
using RobotSdk.Simulation.Imaging;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The gripper tag (tag 10) of the worlds the calibration finds it in by rendering: on the gripper body,
/// facing the scene camera at a working pose, unhidden by the arm's own parts (a jaw swinging in front of
/// it), and found by the real detector at its projected corners. (Table tags at rest:
/// <see cref="VirtualArmAprilTagTests"/>; the SO-101's: <see cref="So101AprilTagTests"/>.)
/// </summary>
public sealed class GripperTagRenderTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Per world: the body carrying the tag, and a working pose in the world's joint units.</summary>
    private static readonly Dictionary<string, (string GripperBody, double[] Pose)> Worlds = new()
    {
        ["piper"] = ("link6", VirtualControllerArm.All["piper"].Goal),
        ["lite6"] = ("gripper", VirtualControllerArm.All["lite6"].Goal),
        // Reaching forward and turned towards the camera, wrist tipped up by 0.4 rad, jaw open and closed: the moving jaw must not hide the tag in either.
        ["koch-open"] = ("link_6", [0.3, 0.2, -0.2, -0.4, 0, 0.873]),
        ["koch-closed"] = ("link_6", [0.3, 0.2, -0.2, -0.4, 0, -0.873]),
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-gripper-tags-").FullName;

    public static TheoryData<string> Cases => new(Worlds.Keys);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheGripperTag_FacesTheSceneCamera_AtAWorkingPose_AndIsFoundWhereItsSiteProjects(string name)
    {
        (string gripperBody, double[] pose) = Worlds[name];
        SimulatedArmModel arm = SimulatedArms.Get(name.Split('-')[0]);
        string mjcf = SimulationModels.ReadXml(arm.World);
        XElement site = XDocument.Parse(mjcf).Descendants("site").Single(element => (string?)element.Attribute("name") == "apriltag_tag36h11_10");
        Assert.Equal(gripperBody, (string?)site.Parent!.Attribute("name"));
        double halfEdge = SimulationModels.ReadAprilTagEdge(arm.World, 10)!.Value / 2;
        using VirtualWorld world = VirtualWorld.Create(arm, new VirtualWorldOptions { InitialPositions = pose });
        world.Access(simulation => simulation.Forward());
        await using var camera = new SimulatedCamera(world, SimulatedCameraOptions.FromMjcf(mjcf, "scene"));

        // The tag's face (site +z) is turned towards the camera.
        Pose tag = world.Access(simulation => simulation.GetSitePose("apriltag_tag36h11_10"));
        Pose optical = camera.GetOpticalPose();
        Vector3D towardsCamera = optical.Position - tag.Position;
        double facing = Vector3D.Dot(tag.Orientation.Rotate(new Vector3D(0, 0, 1)), towardsCamera) / towardsCamera.Length;
        Assert.True(facing > 0.5, $"the gripper tag is turned {Math.Acos(facing) * 180 / Math.PI:F0} degrees away from the scene camera");

        string path = Path.Combine(_directory, name + ".png");
        PngWriter.WriteFile(path, camera.RenderOnce());
        DetectedTag detected = Assert.Single(AprilTagDetectorPeer.Detect(path), found => found.Id == 10);
        double[] errors = AprilTagProjection.CornerErrors(detected, AprilTagProjection.ProjectCorners(tag, halfEdge, optical, camera.Intrinsics));
        double edgePixels = Enumerable.Range(0, 4).Average(i => Math.Sqrt(Math.Pow(detected.Corners[i].X - detected.Corners[(i + 1) % 4].X, 2) + Math.Pow(detected.Corners[i].Y - detected.Corners[(i + 1) % 4].Y, 2)));
        output.WriteLine($"{name}: cosine to the scene camera {facing:F3}; edge {edgePixels:F1} px; corners {string.Join(", ", errors.Select(e => e.ToString("F3", CultureInfo.InvariantCulture)))} px from their projection");
        Assert.All(errors, error => Assert.InRange(error, 0, 1));
    }
}
