using RobotSdk.Geometry;
using RobotSdk.Simulation.Imaging;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>Every built-in world's tags through its scene camera at rest, found by the real detector (the SO-101's in <see cref="So101AprilTagTests"/>).</summary>
public sealed class VirtualArmAprilTagTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-arm-tags-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Arms => new(SimulatedArms.All.Select(arm => arm.Name).Where(name => name != "so101"));

    [Theory]
    [MemberData(nameof(Arms))]
    public async Task SceneCamera_FindsTheTableTags_WhereTheCameraModelProjectsThem(string armName)
    {
        SimulatedArmModel arm = SimulatedArms.Get(armName);
        double gripperHalfBorder = SimulationModels.ReadAprilTagEdge(arm.World, 10)!.Value / 2;
        using VirtualWorld world = VirtualWorld.Create(arm);
        await using var camera = new SimulatedCamera(world, SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(arm.World), "scene"));
        string path = Path.Combine(_directory, $"{armName}.png");
        PngWriter.WriteFile(path, camera.RenderOnce());

        IReadOnlyList<DetectedTag> detected = AprilTagDetectorPeer.Detect(path);

        Assert.Equal([0, 1, 2, 3], detected.Select(tag => tag.Id).Where(id => id < 10).Order());
        Pose optical = camera.GetOpticalPose();
        var errors = new List<double>();
        foreach (DetectedTag tag in detected)
        {
            Pose site = world.Access(simulation => simulation.GetSitePose($"apriltag_tag36h11_{tag.Id}"));
            double halfBorder = tag.Id == 10 ? gripperHalfBorder : 0.03;
            errors.AddRange(AprilTagProjection.CornerErrors(tag, AprilTagProjection.ProjectCorners(site, halfBorder, optical, camera.Intrinsics)));
        }

        double rms = Math.Sqrt(errors.Average(e => e * e));
        output.WriteLine($"{armName}: tags {string.Join(", ", detected.Select(tag => tag.Id).Order())}, corner RMS {rms:0.000} px, worst {errors.Max():0.000} px");
        Assert.True(errors.Max() < 1, $"worst corner {errors.Max():0.000} px from its projection");
    }
}
