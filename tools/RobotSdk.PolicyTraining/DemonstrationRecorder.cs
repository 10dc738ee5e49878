using RobotSdk.Geometry;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// Records expert demonstrations of the touch-cube task, DART-style: every control step the expert
/// plans a clean chunk from the state the arm is actually in, which is stored as the label, while
/// the action executed is the chunk's first target plus correlated noise (scale drawn per episode),
/// so the data covers the states a slightly wrong policy drifts into and says how to recover.
/// </summary>
internal static class DemonstrationRecorder
{
    /// <summary>Noise scales (standard deviation of the executed target's offset, metres), one drawn per episode.</summary>
    public static IReadOnlyList<double> NoiseScales { get; } = Array.AsReadOnly([0.0, 0.002, 0.004, 0.006]);

    /// <summary>Samples kept after the first touch (the arm pressing on the cube), so the policy learns to stay.</summary>
    public const int StepsAfterTouch = 3;

    /// <summary>Records episodes <paramref name="firstSeed"/> .. + <paramref name="episodes"/> - 1 on <paramref name="arm"/>.</summary>
    /// <returns>The samples and how many episodes the expert completed (touched the cube in time).</returns>
    public static (DemonstrationDataset Dataset, int Succeeded) Record(string arm, int firstSeed, int episodes, Action<string>? log = null)
    {
        var dataset = new DemonstrationDataset();
        dataset.ArmNames.Add(arm);
        using var simulation = new TouchCubeSimulation(arm);
        var image = new float[TouchCubePolicyShape.ImageLength];
        var state = new float[TouchCubePolicyShape.StateLength];
        var chunk = new float[TouchCubePolicyShape.ChunkNumbers];
        int succeeded = 0;
        for (int episode = 0; episode < episodes; episode++)
        {
            int seed = firstSeed + episode;
            Virtual.Tasks.TouchCubeEpisode setup = simulation.Reset(seed);
            var random = new Random(unchecked((seed * 7919) + 17));
            double scale = NoiseScales[random.Next(NoiseScales.Count)];
            Vector3D noise = Vector3D.Zero;
            int afterTouch = -1;
            while (simulation.EpisodeSeconds < Virtual.Tasks.TouchCubeTask.EpisodeSeconds && afterTouch < StepsAfterTouch)
            {
                Vector3D tool = simulation.Observe(image);
                Vector3D cube = simulation.Task.GetCubePosition(simulation.World);
                TouchCubeExpert.Plan(tool, cube, chunk);
                state[0] = (float)tool.X;
                state[1] = (float)tool.Y;
                state[2] = (float)tool.Z;
                dataset.Add(image, state, chunk, 0, seed);

                // Correlated noise (an AR(1) process), so the arm really drifts off the path for a while.
                noise = (0.7 * noise) + (scale * 0.714 * new Vector3D(Gaussian(random), Gaussian(random), Gaussian(random)));
                var target = new Vector3D(chunk[0], chunk[1], chunk[2]);
                simulation.Act(target + noise);
                if (Environment.GetEnvironmentVariable("TRACE") == "1")
                {
                    log?.Invoke($"  t {simulation.EpisodeSeconds:0.0} tool {tool} cube {cube} target {target + noise}");
                }

                afterTouch = simulation.Touched ? afterTouch + 1 : -1;
            }

            succeeded += simulation.Touched ? 1 : 0;
            log?.Invoke($"{arm} episode {seed}: noise {scale:0.000} m, {(simulation.Touched ? "touched" : "MISSED")} after {simulation.EpisodeSeconds:0.0} s, cube {setup.CubePosition} start {setup.StartToolPosition} end {simulation.MeasureTool()}, {dataset.Count} samples so far");
        }

        return (dataset, succeeded);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
