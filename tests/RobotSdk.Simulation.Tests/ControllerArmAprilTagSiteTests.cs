using System.Xml.Linq;
using RobotSdk.Geometry;
using RobotSdk.Simulation.Imaging;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The gripper tags of the PiPER and Lite 6 worlds: on the gripper body, 40 mm, facing the scene
/// camera at a working pose, where the real detector finds them at the projected corners. (Their
/// table tags at rest are in <see cref="VirtualArmAprilTagTests"/>.)
/// </summary>
public sealed class ControllerArmAprilTagSiteTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-controller-tags-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public async Task TheGripperTag_FacesTheSceneCamera_AtAWorkingPose_AndIsFoundWhereItsSiteProjects(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        string mjcf = SimulationModels.ReadXml(virtualArm.Arm.World);
        XElement site = XDocument.Parse(mjcf).Descendants("site").Single(element => (string?)element.Attribute("name") == "apriltag_tag36h11_10");
        Assert.Equal(virtualArm.GripperBody, (string?)site.Parent!.Attribute("name"));
        Assert.Equal("0.02", ((string)site.Attribute("size")!).Split(' ')[0]);
        using VirtualWorld world = VirtualWorld.Create(virtualArm.Arm, new VirtualWorldOptions { InitialPositions = virtualArm.Goal });
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
        double[] errors = AprilTagProjection.CornerErrors(detected, AprilTagProjection.ProjectCorners(tag, 0.02, optical, camera.Intrinsics));
        output.WriteLine($"{name}: cosine to the scene camera {facing:F3}; corners {string.Join(", ", errors.Select(e => e.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} px from their projection");
        Assert.All(errors, error => Assert.InRange(error, 0, 1));
    }
}
