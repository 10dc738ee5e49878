using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// The AprilTag sites of the PiPER and Lite 6 worlds (the tags themselves are drawn by whoever
/// textures them): four 60 mm table tags the scene camera sees unobstructed at the rest pose, and a
/// 40 mm tag on the gripper that faces the scene camera at a working pose.
/// </summary>
public sealed class ControllerArmAprilTagSiteTests(ITestOutputHelper output)
{
    private const int Width = 640;
    private const int Height = 480;

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void TheTableTags_LieOnTheTableFacingUp_AndTheSceneCameraSeesThemUnobstructed_AtTheRestPose(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        string mjcf = SimulationModels.ReadXml(virtualArm.Arm.World);
        XElement worldbody = XDocument.Parse(mjcf).Root!.Element("worldbody")!;
        using VirtualWorld world = VirtualWorld.Create(virtualArm.Arm);
        world.StepFor(0.1);
        byte[] rgb = Render(world, "scene");

        for (int id = 0; id < 4; id++)
        {
            XElement site = worldbody.Elements("site").Single(element => (string?)element.Attribute("name") == $"apriltag_tag36h11_{id}");
            Tag tag = ReadTag(site, Pose.Identity);
            Assert.Equal(0.03, tag.HalfEdge, 1e-9);
            Assert.Equal(0.0005, tag.Centre.Z, 1e-9);
            Assert.Equal(new Vector3D(0, 0, 1), tag.Normal);
            Assert.Equal(new Vector3D(0, 1, 0), tag.Up);

            foreach (Vector3D point in tag.Points())
            {
                (double u, double v) = world.Access(simulation => Project(simulation, mjcf, "scene", point));
                Assert.InRange(u, 10, Width - 10);
                Assert.InRange(v, 10, Height - 10);
                (byte r, byte g, byte b) = Pixel(rgb, u, v);
                output.WriteLine($"tag {id} point {point}: pixel ({u:F0}, {v:F0}) rgb {r} {g} {b}");
                Assert.True(IsTable(r, g, b), $"tag {id}: the scene camera sees rgb {r} {g} {b} at ({u:F0}, {v:F0}), not the table: something covers the tag");
            }
        }
    }

    [Theory]
    [InlineData("piper")]
    [InlineData("lite6")]
    public void TheGripperTag_IsOnTheGripper_FacingTheSceneCamera_AtAWorkingPose(string name)
    {
        VirtualControllerArm virtualArm = VirtualControllerArm.All[name];
        string mjcf = SimulationModels.ReadXml(virtualArm.Arm.World);
        XElement site = XDocument.Parse(mjcf).Descendants("site").Single(element => (string?)element.Attribute("name") == "apriltag_tag36h11_10");
        Assert.Equal(virtualArm.GripperBody, (string?)site.Parent!.Attribute("name"));
        using VirtualWorld world = VirtualWorld.Create(virtualArm.Arm, new VirtualWorldOptions { InitialPositions = virtualArm.Goal });
        world.Access(simulation => simulation.Forward());
        byte[] rgb = Render(world, "scene");

        Tag tag = world.Access(simulation => ReadTag(site, simulation.GetBodyPose(virtualArm.GripperBody)));
        Vector3D camera = world.Access(simulation => simulation.GetCameraPose("scene").Position);
        Vector3D towardsCamera = camera - tag.Centre;
        double facing = Vector3D.Dot(tag.Normal, towardsCamera) / towardsCamera.Length;
        output.WriteLine($"tag at {tag.Centre}, normal {tag.Normal}: cosine to the scene camera {facing:F3}");
        Assert.Equal(0.02, tag.HalfEdge, 1e-9);
        Assert.True(facing > 0.5, $"the gripper tag is turned {Math.Acos(facing) * 180 / Math.PI:F0} degrees away from the scene camera");

        foreach (Vector3D point in tag.Points())
        {
            (double u, double v) = world.Access(simulation => Project(simulation, mjcf, "scene", point));
            Assert.InRange(u, 10, Width - 10);
            Assert.InRange(v, 10, Height - 10);
            (byte r, byte g, byte b) = Pixel(rgb, u, v);
            output.WriteLine($"point {point}: pixel ({u:F0}, {v:F0}) rgb {r} {g} {b}");
            Assert.True(Math.Abs(r - g) < 25 && Math.Abs(g - b) < 25 && r > 100, $"the scene camera sees rgb {r} {g} {b} at ({u:F0}, {v:F0}), not the grey gripper housing the tag lies on");
        }
    }

    /// <summary>The table's checker seen lit: brown (red over green over blue), not the grey arm nor a saturated cube.</summary>
    private static bool IsTable(byte r, byte g, byte b) => r > g && g > b && r - b is > 15 and < 90;

    private static byte[] Render(VirtualWorld world, string camera)
    {
        var rgb = new byte[Width * Height * 3];
        world.Access(simulation =>
        {
            using var renderer = new OffscreenRenderer(simulation.Model, Width, Height);
            renderer.Render(simulation, camera, rgb);
        });
        return rgb;
    }

    private static (byte R, byte G, byte B) Pixel(byte[] rgb, double u, double v)
    {
        int offset = (((int)v * Width) + (int)u) * 3;
        return (rgb[offset], rgb[offset + 1], rgb[offset + 2]);
    }

    /// <summary>Pixel coordinates of a world point in an MJCF camera (OpenGL frame: looks along -z, +y up; square pixels, fovy vertical).</summary>
    private static (double U, double V) Project(MujocoSimulation simulation, string mjcf, string camera, Vector3D point)
    {
        Vector3D local = simulation.GetCameraPose(camera).Inverse().Transform(point);
        double focal = Height / 2.0 / Math.Tan(MjcfCameras.ReadFieldOfViewYDegrees(mjcf, camera) * Math.PI / 360);
        Assert.True(local.Z < 0, $"{point} is behind the {camera} camera");
        return ((Width / 2.0) + (focal * local.X / -local.Z), (Height / 2.0) - (focal * local.Y / -local.Z));
    }

    /// <summary>A tag site in the world: its frame from pos and xyaxes (identity when absent) in its body's frame.</summary>
    private static Tag ReadTag(XElement site, Pose body)
    {
        double[] position = Numbers(site, "pos") ?? [0, 0, 0];
        double[] axes = Numbers(site, "xyaxes") ?? [1, 0, 0, 0, 1, 0];
        Assert.Null(site.Attribute("euler"));
        Assert.Null(site.Attribute("quat"));
        Assert.Null(site.Attribute("zaxis"));
        Assert.Equal("apriltag", (string?)site.Attribute("class"));
        var right = new Vector3D(axes[0], axes[1], axes[2]);
        var up = new Vector3D(axes[3], axes[4], axes[5]);
        Assert.Equal(1, right.Length, 1e-9);
        Assert.Equal(1, up.Length, 1e-9);
        Assert.Equal(0, Vector3D.Dot(right, up), 1e-9);
        double halfEdge = Numbers(site, "size")![0];
        return new Tag(
            body.Transform(new Vector3D(position[0], position[1], position[2])),
            body.Orientation.Rotate(right),
            body.Orientation.Rotate(up),
            body.Orientation.Rotate(Vector3D.Cross(right, up)),
            halfEdge);
    }

    private static double[]? Numbers(XElement element, string attribute) =>
        ((string?)element.Attribute(attribute))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(text => double.Parse(text, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A tag: centre, image right and up, the normal it is seen from, half the black border's edge.</summary>
    private sealed record Tag(Vector3D Centre, Vector3D Right, Vector3D Up, Vector3D Normal, double HalfEdge)
    {
        /// <summary>The centre and four points half-way to the corners.</summary>
        public IEnumerable<Vector3D> Points()
        {
            yield return Centre;
            foreach ((double x, double y) in new[] { (-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5) })
            {
                yield return Centre + (x * HalfEdge * Right) + (y * HalfEdge * Up);
            }
        }
    }
}
