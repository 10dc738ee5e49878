using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// One chunk through the runner's own inference path, <see cref="FlowMatchingPolicyBackend"/> on the
/// tiny pi0's manifest: state normalization and padding, the prompt's tokens, seeded Gaussian noise,
/// the observation graph, the same number of Euler steps of the step graph, and the actions
/// denormalized into the chunk the runner executes. The graphs and step count are bare-ort-chunk.mjs's;
/// the values differ (noise, normalization), so its output is not compared with Node's.
/// </summary>
internal sealed class PolicyBackendChunkSubject : IInferenceSubject
{
    private readonly FlowMatchingPolicyBackend backend;
    private readonly PolicyObservation observation;
    private readonly float[] chunk;

    public PolicyBackendChunkSubject(string manifestPath, int threads)
    {
        PolicyManifest manifest = PolicyManifestFile.Load(manifestPath);
        backend = new FlowMatchingPolicyBackend(manifest, new PolicyBackendOptions { IntraOpThreadCount = threads, InterOpThreadCount = threads, NoiseSeed = 1 });
        backend.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        observation = new PolicyObservation(manifest.Inputs);
        foreach (ObservationImage image in observation.Images)
        {
            Wave(image.Floats ?? throw new NotSupportedException("The tiny pi0 takes float images."));
        }

        foreach (float[] state in observation.State)
        {
            Wave(state);
        }

        chunk = new float[manifest.Actions.ChunkLength * manifest.Actions.Dimensions];
    }

    public string Name => "RobotSdk FlowMatchingPolicyBackend (runner path)";

    public void RunOnce() => backend.InferAsync(observation, null, chunk, CancellationToken.None).GetAwaiter().GetResult();

    public double? OutputChecksum() => null;

    public void Dispose() => backend.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void Wave(float[] values)
    {
        for (var index = 0; index < values.Length; index++)
        {
            values[index] = (float)(0.5 * Math.Sin((0.37 * index) + 0.1));
        }
    }
}
