using System.Diagnostics;
using RobotSdk.Geometry;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// Closed-loop evaluation of a touch-cube manifest in the fast simulation: each chunk is inferred
/// by ONNX Runtime from the overhead image and the measured tool position (normalized with the
/// manifest's statistics), denormalized, and its first <see cref="ActionSpace.ExecutionHorizon"/>
/// actions executed through the same position-only inverse kinematics as recording; an episode
/// succeeds when the arm touches the red cube within <see cref="TouchCubeTask.EpisodeSeconds"/>.
/// </summary>
internal static class PolicyEvaluator
{
    /// <summary>Runs <paramref name="episodes"/> episodes from seed <paramref name="firstSeed"/> on <paramref name="arm"/>.</summary>
    public static EvaluationResult Evaluate(string manifestPath, string arm, int firstSeed, int episodes, Action<string>? log = null)
    {
        PolicyManifest manifest = PolicyManifestFile.Load(manifestPath);
        var model = (OnnxPolicyModel)manifest.Model;
        ActionSpace actions = manifest.Actions;
        var stateNormalizer = new Normalizer(manifest.Normalization!.State!);
        var actionNormalizer = new Normalizer(manifest.Normalization.Actions!);
        using OnnxSession session = OnnxSession.Load(model.Path, new OnnxSessionOptions { IntraOpThreadCount = 1 });
        using OnnxBinding binding = session.CreateBinding();
        var image = new float[TouchCubePolicyShape.ImageLength];
        var state = new float[TouchCubePolicyShape.StateLength];
        var normalizedState = new float[TouchCubePolicyShape.StateLength];
        var chunk = new float[actions.ChunkLength * actions.ModelDimensions];
        ImageInput imageInput = manifest.Inputs.Images[0];
        binding.BindInput<float>(imageInput.Name, image, [1, 3, imageInput.Height, imageInput.Width]);
        binding.BindInput<float>(manifest.Inputs.State[0].Name, normalizedState, [1, TouchCubePolicyShape.StateLength]);
        binding.BindOutput<float>(actions.Name, chunk, [1, actions.ChunkLength, actions.ModelDimensions]);
        using var simulation = new TouchCubeSimulation(arm);
        var outcomes = new List<EpisodeOutcome>();
        var inference = new List<double>();
        for (int episode = 0; episode < episodes; episode++)
        {
            int seed = firstSeed + episode;
            TouchCubeEpisode setup = simulation.Reset(seed);
            while (!simulation.Touched && simulation.EpisodeSeconds < TouchCubeTask.EpisodeSeconds)
            {
                Vector3D tool = simulation.Observe(image);
                state[0] = (float)tool.X;
                state[1] = (float)tool.Y;
                state[2] = (float)tool.Z;
                stateNormalizer.Normalize(state, normalizedState);
                long start = Stopwatch.GetTimestamp();
                binding.Run();
                inference.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                actionNormalizer.DenormalizeChunk(chunk, actions.ModelDimensions, chunk);
                for (int k = 0; k < actions.ExecutionHorizon && !simulation.Touched; k++)
                {
                    int at = k * actions.ModelDimensions;
                    simulation.Act(new Vector3D(chunk[at], chunk[at + 1], chunk[at + 2]));
                }
            }

            Vector3D cube = simulation.Task.GetCubePosition(simulation.World);
            Vector3D end = simulation.MeasureTool();
            var outcome = new EpisodeOutcome(seed, simulation.Touched, simulation.EpisodeSeconds, (end - cube).Length);
            outcomes.Add(outcome);
            log?.Invoke($"{arm} episode {seed}: {(outcome.Succeeded ? "touched" : "FAILED")} after {outcome.Seconds:0.0} s (tool {outcome.FinalDistanceMeters * 1000:0} mm from the cube centre; cube {setup.CubePosition}, start {setup.StartToolPosition}, end {end})");
        }

        inference.Sort();
        return new EvaluationResult(arm, outcomes, inference.Count > 0 ? inference[inference.Count / 2] : 0);
    }
}
