using RobotSdk.Geometry;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining.Tests;

/// <summary>Recorded demonstrations are consistent: states, labels, images and the file format.</summary>
public sealed class RecordingTests
{
    [Fact]
    public void TwoEpisodes_GiveConsistentSamples_ThatSurviveSaveAndLoad()
    {
        (DemonstrationDataset dataset, int succeeded) = DemonstrationRecorder.Record("wx250s", 5, 2);

        Assert.Equal(2, succeeded);
        Assert.True(dataset.Count >= 10, $"{dataset.Count} samples");
        double step = TouchCubeExpert.SpeedMetersPerSecond / TouchCubePolicyShape.ControlRateHertz;
        for (int i = 0; i < dataset.Count; i++)
        {
            float[] state = dataset.State(i);
            float[] chunk = dataset.Chunk(i);

            // Each label starts one bounded step from the measured tool and moves in bounded steps.
            var previous = new Vector3D(state[0], state[1], state[2]);
            for (int k = 0; k < TouchCubePolicyShape.ChunkLength; k++)
            {
                var next = new Vector3D(chunk[3 * k], chunk[(3 * k) + 1], chunk[(3 * k) + 2]);
                Assert.True((next - previous).Length <= step + 1e-6, $"sample {i}, action {k}: a step of {(next - previous).Length} m");
                previous = next;
            }

            // The overhead image shows the scene (not black, not saturated).
            double mean = dataset.Image(i).Average(value => (double)value);
            Assert.InRange(mean, 30, 220);
        }

        // The last samples of an episode press on the cube: the label ends below the top face, next to the state.
        int last = dataset.Count - 1;
        Assert.True(dataset.Chunk(last)[^1] < dataset.State(0)[2] - 0.05);

        string directory = Path.Combine(Path.GetTempPath(), $"touch-cube-{Guid.NewGuid():N}");
        try
        {
            dataset.Save(directory);
            DemonstrationDataset loaded = DemonstrationDataset.Load(directory);
            Assert.Equal(dataset.Count, loaded.Count);
            Assert.Equal(dataset.ArmNames, loaded.ArmNames);
            for (int i = 0; i < dataset.Count; i++)
            {
                Assert.Equal(dataset.Image(i), loaded.Image(i));
                Assert.Equal(dataset.State(i), loaded.State(i));
                Assert.Equal(dataset.Chunk(i), loaded.Chunk(i));
                Assert.Equal(dataset.EpisodeOf(i), loaded.EpisodeOf(i));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheExpertsChunk_EndsPressedIntoTheCubesTop_AndComesFromAbove()
    {
        var cube = new Vector3D(0.2, 0.03, 0.0101);
        var chunk = new float[TouchCubePolicyShape.ChunkNumbers];

        // Far away: the first steps stay high (the funnel), not straight at the cube.
        TouchCubeExpert.Plan(new Vector3D(0.15, -0.05, 0.12), cube, chunk);
        Assert.True(chunk[2] > 0.1);

        // Right above: it goes straight down and ends PressDepth below the top face.
        TouchCubeExpert.Plan(new Vector3D(0.2, 0.03, 0.05), cube, chunk);
        Assert.Equal(cube.Z + TouchCubeTask.CubeHalfEdge - TouchCubeExpert.PressDepth, chunk[^1], 1e-6);
        Assert.Equal(0.2, chunk[^3], 1e-6);
        Assert.Equal(0.03, chunk[^2], 1e-6);
    }
}
