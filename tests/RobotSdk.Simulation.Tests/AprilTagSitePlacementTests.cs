using System.Globalization;
using System.Xml.Linq;
using RobotSdk.Geometry;

namespace RobotSdk.Simulation.Tests;

/// <summary>
/// Where the SO-100 and myCobot 280 worlds declare their AprilTags (sites only; the texture is drawn
/// elsewhere): four 60 mm table tags inside the scene camera's view, clear of the cubes and of the
/// resting arm, and tag 10 on the gripper, facing the scene camera in a typical working pose.
/// </summary>
public sealed class AprilTagSitePlacementTests
{
    private const int Width = 640;
    private const int Height = 480;

    /// <summary>A working pose per world (the closed-loop tests' goals), device units.</summary>
    private static readonly Dictionary<string, double[]> WorkingPoses = new()
    {
        ["so100"] = [0.4, -0.6, 0.8, -0.3, 0.5, 0.8],
        ["mycobot280"] = [0.4, -0.5, -0.8, -0.3, 0.5, -0.4, 0.5],
    };

    [Theory]
    [InlineData("so100", 0.014)]
    [InlineData("mycobot280", 0.015)]
    public void TheTags_AreInvisibleSites_TableTagsFlatAndUp_Tag10OnTheGripper(string name, double gripperTagHalfEdge)
    {
        XElement root = XDocument.Parse(SimulationModels.ReadXml(name)).Root!;
        XElement tagDefault = root.Descendants("default").Single(element => (string?)element.Attribute("class") == "apriltag");
        Assert.EndsWith(" 0", (string)tagDefault.Element("site")!.Attribute("rgba")!, StringComparison.Ordinal);
        List<XElement> tags = TagSites(root);
        Assert.Equal(["apriltag_tag36h11_0", "apriltag_tag36h11_1", "apriltag_tag36h11_10", "apriltag_tag36h11_2", "apriltag_tag36h11_3"], tags.Select(tag => (string)tag.Attribute("name")!).Order(StringComparer.Ordinal));
        Assert.All(tags, tag => Assert.Equal("apriltag", (string?)tag.Attribute("class")));
        Assert.All(tags, tag => Assert.Null(tag.Attribute("rgba")));

        foreach (XElement tag in tags.Where(tag => tag.Parent!.Name == "worldbody"))
        {
            Assert.Equal(0.0005, Numbers(tag, "pos")[2], 1e-12);
            Assert.Null(tag.Attribute("euler"));
            Assert.Equal(0.03, Numbers(tag, "size")[0], 1e-12);
        }

        XElement gripperTag = tags.Single(tag => (string)tag.Attribute("name")! == "apriltag_tag36h11_10");
        Assert.Equal("gripper", (string?)gripperTag.Parent!.Attribute("name"));
        Assert.Equal(gripperTagHalfEdge, Numbers(gripperTag, "size")[0], 1e-12);
    }

    [Theory]
    [InlineData("so100")]
    [InlineData("mycobot280")]
    public void TheTableTags_AreInTheSceneCamerasView_ClearOfTheCubesAndTheRestingArm(string name)
    {
        XElement root = XDocument.Parse(SimulationModels.ReadXml(name)).Root!;
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.Get(name));
        string[] cubes = ["red_cube", "green_cube", "blue_cube"];
        string[] armBodies = root.Element("worldbody")!.Elements("body").Single(body => (string?)body.Attribute("name") == "base")
            .Descendants("body").Select(body => (string)body.Attribute("name")!).ToArray();

        world.Access(simulation =>
        {
            foreach (XElement tag in TagSites(root).Where(tag => tag.Parent!.Name == "worldbody"))
            {
                Pose pose = SitePose(simulation, tag);
                AssertInView(simulation, tag, pose);

                // Clear of a cube's footprint (12.5 mm half side, up to 10 mm of seeded jitter) and of every arm body at rest.
                double reach = (1.25 * Numbers(tag, "size")[0] * Math.Sqrt(2)) + 0.0125 + 0.01;
                foreach (string body in cubes.Concat(armBodies))
                {
                    Vector3D other = simulation.GetBodyPose(body).Position;
                    double distance = Math.Sqrt(Math.Pow(other.X - pose.Position.X, 2) + Math.Pow(other.Y - pose.Position.Y, 2));
                    Assert.True(distance > reach, $"{tag.Attribute("name")!.Value} is {distance * 1000:F0} mm from {body}");
                }
            }
        });
    }

    [Theory]
    [InlineData("so100")]
    [InlineData("mycobot280")]
    public void TheGripperTag_FacesTheSceneCamera_InAWorkingPose(string name)
    {
        XElement root = XDocument.Parse(SimulationModels.ReadXml(name)).Root!;
        XElement tag = TagSites(root).Single(site => (string)site.Attribute("name")! == "apriltag_tag36h11_10");
        using VirtualWorld world = VirtualWorld.Create(SimulatedArms.Get(name));
        double[] pose = WorkingPoses[name];

        world.Access(simulation =>
        {
            for (int joint = 0; joint < pose.Length; joint++)
            {
                simulation.SetJointPosition(world.Joints.JointNames[joint], pose[joint] / world.Joints.GetScale(joint));
            }

            simulation.Forward();
            Pose site = SitePose(simulation, tag);
            Vector3D normal = site.Orientation.Rotate(new Vector3D(0, 0, 1));
            Vector3D toCamera = simulation.GetCameraPose("scene").Position - site.Position;
            double cosine = ((normal.X * toCamera.X) + (normal.Y * toCamera.Y) + (normal.Z * toCamera.Z)) / toCamera.Length;
            Assert.True(cosine > 0.3, $"the gripper tag is seen at {Math.Acos(cosine) * 180 / Math.PI:F0} degrees off its normal");
            AssertInView(simulation, tag, site);
        });
    }

    private static List<XElement> TagSites(XElement root) =>
        root.Descendants("site").Where(site => ((string?)site.Attribute("name") ?? "").StartsWith("apriltag_", StringComparison.Ordinal)).ToList();

    private static double[] Numbers(XElement element, string attribute) =>
        ((string)element.Attribute(attribute)!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(text => double.Parse(text, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The site's world pose: its parent body's pose, then its pos and its euler (a turn about x only, in both worlds).</summary>
    private static Pose SitePose(MujocoSimulation simulation, XElement site)
    {
        Pose parent = site.Parent!.Name == "worldbody" ? Pose.Identity : simulation.GetBodyPose((string)site.Parent!.Attribute("name")!);
        double[] position = Numbers(site, "pos");
        double[] euler = site.Attribute("euler") is null ? [0, 0, 0] : Numbers(site, "euler");
        Assert.Equal(0, euler[1]);
        Assert.Equal(0, euler[2]);
        return parent * new Pose(new Vector3D(position[0], position[1], position[2]), Rotation.FromAxisAngle(new Vector3D(1, 0, 0), euler[0]));
    }

    /// <summary>Every corner of the tag, white border included, projects into a 640 x 480 render of the scene camera.</summary>
    private static void AssertInView(MujocoSimulation simulation, XElement tag, Pose pose)
    {
        Pose camera = simulation.GetCameraPose("scene").Inverse();
        double fieldOfViewY = MjcfCameras.ReadFieldOfViewYDegrees(tag.Document!.ToString(), "scene");
        double focal = Height / 2.0 / Math.Tan(fieldOfViewY * Math.PI / 360);
        double half = 1.25 * Numbers(tag, "size")[0];
        foreach ((double x, double y) in new[] { (-half, -half), (half, -half), (half, half), (-half, half) })
        {
            Vector3D corner = camera.Transform(pose.Transform(new Vector3D(x, y, 0)));
            Assert.True(corner.Z < 0, $"{tag.Attribute("name")!.Value} is behind the scene camera");
            double u = (Width / 2.0) + (focal * corner.X / -corner.Z);
            double v = (Height / 2.0) - (focal * corner.Y / -corner.Z);
            Assert.True(u is > 0 and < Width && v is > 0 and < Height, $"{tag.Attribute("name")!.Value} has a corner at ({u:F0}, {v:F0}), outside the image");
        }
    }
}
