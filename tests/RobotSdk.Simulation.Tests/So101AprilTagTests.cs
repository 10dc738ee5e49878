using RobotSdk.Geometry;
using RobotSdk.Simulation.Imaging;
using Xunit.Abstractions;

namespace RobotSdk.Simulation.Tests;

/// <summary>The SO-101 world's tags through its scene camera, found by the real detector (python3-apriltag).</summary>
public sealed class So101AprilTagTests(ITestOutputHelper output) : IDisposable
{
    private const double TableHalfBorder = 0.03;
    private const double GripperHalfBorder = 0.018;

    /// <summary>Arm raised and reaching forward over the cubes, jaw a little open.</summary>
    private static readonly double[] ReachingPose = [0, -1.0, 1.2, 0.5, 0, 0.3];

    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-so101-tags-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Poses => new() { "rest", "reaching" };

    [Theory]
    [MemberData(nameof(Poses))]
    public async Task SceneCamera_FindsTheFourTableTagsAndTheGripperTag(string pose)
    {
        (IReadOnlyList<DetectedTag> detected, _, _, _) = await RenderAndDetectAsync(pose);

        Assert.Equal([0, 1, 2, 3, 10], detected.Select(tag => tag.Id).Order());
        Assert.All(detected, tag => Assert.Equal(0, tag.Hamming));
    }

    [Theory]
    [MemberData(nameof(Poses))]
    public async Task SceneCamera_SeesEachTagCornerWhereTheCameraModelProjectsIt(string pose)
    {
        (IReadOnlyList<DetectedTag> detected, Dictionary<string, Pose> sites, Pose optical, CameraIntrinsics k) = await RenderAndDetectAsync(pose);

        var errors = new List<double>();
        foreach (DetectedTag tag in detected)
        {
            double halfBorder = tag.Id == 10 ? GripperHalfBorder : TableHalfBorder;
            var projected = AprilTagProjection.ProjectCorners(sites[$"apriltag_tag36h11_{tag.Id}"], halfBorder, optical, k);
            double[] tagErrors = AprilTagProjection.CornerErrors(tag, projected);
            output.WriteLine($"{pose} tag {tag.Id} at ({tag.Corners.Average(c => c.X):0}, {tag.Corners.Average(c => c.Y):0}): corner errors {string.Join(", ", tagErrors.Select(e => e.ToString("0.000")))} px");
            errors.AddRange(tagErrors);
        }

        double rms = Math.Sqrt(errors.Average(e => e * e));
        output.WriteLine($"{pose}: {errors.Count} corners, RMS {rms:0.000} px, worst {errors.Max():0.000} px");
        Assert.True(errors.Count >= 16);
        Assert.True(rms < 0.5, $"corner RMS {rms:0.000} px");
        Assert.True(errors.Max() < 1, $"worst corner {errors.Max():0.000} px from its projection");
    }

    /// <summary>Renders the scene camera at 640 x 480, detects, and reads the ground truth: tag site poses, the camera's optical pose and intrinsics.</summary>
    private async Task<(IReadOnlyList<DetectedTag> Detected, Dictionary<string, Pose> Sites, Pose Optical, CameraIntrinsics Intrinsics)> RenderAndDetectAsync(string pose)
    {
        using VirtualWorld world = VirtualWorld.CreateSo101(new VirtualWorldOptions { InitialPositions = pose == "rest" ? null : ReachingPose });
        await using var camera = new SimulatedCamera(world, SimulatedCameraOptions.FromMjcf(SimulationModels.ReadXml(SimulationModels.So101), "scene"));
        CameraFrame frame = camera.RenderOnce();
        string path = Path.Combine(_directory, $"so101-{pose}.png");
        PngWriter.WriteFile(path, frame);
        IReadOnlyList<DetectedTag> detected = AprilTagDetectorPeer.Detect(path);
        Dictionary<string, Pose> sites = world.Model.SiteNames.Where(name => name.StartsWith("apriltag_", StringComparison.Ordinal))
            .ToDictionary(name => name, name => world.Access(simulation => simulation.GetSitePose(name)));
        return (detected, sites, camera.GetOpticalPose(), camera.Intrinsics);
    }
}
