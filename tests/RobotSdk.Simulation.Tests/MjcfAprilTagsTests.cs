using RobotSdk.Geometry;
using RobotSdk.Simulation.Imaging;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

public sealed class MjcfAprilTagsTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Five tags held 2 cm above a tilted, turned plate, each oriented by a different MJCF attribute (degrees, and an
    /// Euler sequence mixing moving and fixed axes), under a camera looking straight down.
    /// </summary>
    private const string Plate = """
        <mujoco model="tag_plate">
          <compiler angle="degree" eulerseq="zyX"/>
          <visual><headlight ambient="0.5 0.5 0.5" diffuse="0.5 0.5 0.5"/></visual>
          <worldbody>
            <geom name="floor" type="plane" size="1 1 0.05" rgba="0.5 0.5 0.5 1"/>
            <camera name="down" pos="0.01 -0.02 0.55" fovy="50"/>
            <body name="plate" pos="0 0 0.05" euler="25 8 -6">
              <geom type="box" size="0.2 0.15 0.005" pos="0 0 -0.005" rgba="0.3 0.5 0.3 1"/>
              <site name="apriltag_tag36h11_20" pos="-0.1 0.07 0.02" euler="40 -10 5" size="0.025"/>
              <site name="apriltag_tag36h11_21" pos="0.1 0.07 0.02" axisangle="0.1 0.2 1 120" size="0.025"/>
              <site name="apriltag_tag36h11_22" pos="-0.1 -0.07 0.02" zaxis="0.2 -0.1 1" size="0.025"/>
              <site name="apriltag_tag36h11_23" pos="0.1 -0.07 0.02" quat="0.9 0.1 0 0.4" size="0.025"/>
              <site name="apriltag_tag36h11_24" pos="0 0 0.02" xyaxes="0 1 0 -1 0 0.2" size="0.02"/>
            </body>
          </worldbody>
        </mujoco>
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-mjcf-tags-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_AddsAVisualTagGeomInTheSitesBody()
    {
        using MujocoModel model = SimulationModels.Load(SimulationModels.So101);

        int geom = model.GetGeomIndex("apriltag_tag36h11_10");
        Assert.Equal(model.GetBodyIndex("gripper"), model.GetGeomBody(geom));
        Assert.Equal(0, model.GetGeomBody(model.GetGeomIndex("apriltag_tag36h11_0")));
        Assert.True(model.GetSiteIndex("apriltag_tag36h11_3") >= 0);
    }

    [Fact]
    public void ReadAprilTagEdge_IsTwiceTheSitesSize_AndNullForATagTheWorldLacks()
    {
        Assert.Equal(0.036, SimulationModels.ReadAprilTagEdge(SimulationModels.So101, 10));
        Assert.Equal(0.06, SimulationModels.ReadAprilTagEdge(SimulationModels.So101, 0));
        Assert.Null(SimulationModels.ReadAprilTagEdge(SimulationModels.So101, 99));
        Assert.All(SimulatedArms.All, arm => Assert.InRange(SimulationModels.ReadAprilTagEdge(arm.World, 10) ?? 0, 0.02, 0.06));
        SimulationException error = Assert.Throws<SimulationException>(() => MjcfAprilTags.ReadBlackBorderEdge(Plate.Replace("size=\"0.02\"", "size=\"-0.02\"", StringComparison.Ordinal), 24));
        Assert.Contains("apriltag_tag36h11_24", error.Message, StringComparison.Ordinal);
        Assert.Contains("-0.02 is not a positive length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TagGeoms_LeaveTheDynamicsUnchanged()
    {
        string xml = SimulationModels.ReadXml(SimulationModels.So101);
        using MujocoModel tagged = MujocoModel.LoadFromXml(xml);
        using MujocoModel plain = MujocoModel.LoadFromXml(xml.Replace("apriltag_", "plain_", StringComparison.Ordinal));
        Assert.Equal(plain.GeomNames.Count + 5, tagged.GeomNames.Count);

        double[] Run(MujocoModel model)
        {
            using var simulation = new MujocoSimulation(model);
            double[] start = [0.3, -1.2, 1.3, 0.6, 0.4, 0.5];
            for (int i = 0; i < start.Length; i++)
            {
                simulation.SetJointPosition(SimulationModels.So101Joints[i], start[i]);
            }

            simulation.Step(500); // falls under gravity onto the table, cubes settle
            var positions = new double[model.PositionCount];
            simulation.CopyPositionsTo(positions);
            return positions;
        }

        Assert.Equal(Run(plain), Run(tagged));
    }

    [Fact]
    public void LoadFromFile_DrawsTagsOrientedByEveryMjcfAttribute_WhereTheirSitesAre()
    {
        string path = Path.Combine(_directory, "plate.xml");
        File.WriteAllText(path, Plate);
        using MujocoModel model = MujocoModel.LoadFromFile(path);
        using var simulation = new MujocoSimulation(model);
        simulation.Forward();
        using var renderer = new OffscreenRenderer(model, 640, 480);
        var rgb = new byte[renderer.FrameLength];
        renderer.Render(simulation, "down", rgb);
        string png = Path.Combine(_directory, "plate.png");
        PngWriter.WriteFile(png, new CameraFrame(640, 480, PixelFormat.Rgb24, rgb, 0, 0));

        IReadOnlyList<DetectedTag> detected = AprilTagDetectorPeer.Detect(png);

        Assert.Equal([20, 21, 22, 23, 24], detected.Select(tag => tag.Id).Order());
        CameraIntrinsics k = MjcfCameras.ComputeIntrinsics(640, 480, 50);
        // MuJoCo's camera looks along -z with +y up; the optical frame (OpenCV) is that turned half a turn about x.
        Pose optical = simulation.GetCameraPose("down") * new Pose(Vector3D.Zero, new Rotation(0, 1, 0, 0));
        var errors = new List<double>();
        foreach (DetectedTag tag in detected)
        {
            double halfBorder = tag.Id == 24 ? 0.02 : 0.025;
            var projected = AprilTagProjection.ProjectCorners(simulation.GetSitePose($"apriltag_tag36h11_{tag.Id}"), halfBorder, optical, k);
            double[] tagErrors = AprilTagProjection.CornerErrors(tag, projected);
            output.WriteLine($"tag {tag.Id}: corner errors {string.Join(", ", tagErrors.Select(e => e.ToString("0.000")))} px");
            errors.AddRange(tagErrors);
        }

        double rms = Math.Sqrt(errors.Average(e => e * e));
        output.WriteLine($"corner RMS {rms:0.000} px, worst {errors.Max():0.000} px");
        Assert.True(errors.Max() < 1, $"worst corner {errors.Max():0.000} px from its projection");
    }
}
