using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Benchmarks;

/// <summary>
/// A stand-in for a model that takes <see cref="InferenceDelay"/> per chunk: each chunk samples a
/// slow sine trajectory at its rows' control steps, plus an offset that alternates in sign from one
/// chunk to the next (the "disagreement" between consecutive chunks that a naive switch shows as a
/// jump). The last number of each action is its control step, so a benchmark can tell the
/// trajectory's own motion from a discontinuity.
/// </summary>
internal sealed class SineBackend(int joints, double controlRateHz, TimeSpan inferenceDelay, double disagreement) : IPolicyBackend
{
    private const double AmplitudeRadians = 0.4;
    private const double FrequencyHertz = 0.2;
    private int _calls;

    public string Description => $"sine stand-in ({inferenceDelay.TotalMilliseconds:0} ms per chunk)";

    public bool InpaintsPrefix => false;

    public TimeSpan InferenceDelay => inferenceDelay;

    /// <summary>The trajectory joint <paramref name="joint"/> follows, at control step <paramref name="step"/>.</summary>
    public double Trajectory(int joint, double step) =>
        AmplitudeRadians * Math.Sin((2 * Math.PI * FrequencyHertz * step / controlRateHz) + joint);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken)
    {
        await Task.Delay(inferenceDelay, cancellationToken).ConfigureAwait(false);
        int call = Interlocked.Increment(ref _calls);
        double offset = call % 2 == 0 ? disagreement : -disagreement;
        int dimensions = joints + 1;
        int rows = chunk.Length / dimensions;
        Span<float> values = chunk.Span;
        for (int r = 0; r < rows; r++)
        {
            long step = observation.ControlStep + r;
            for (int j = 0; j < joints; j++)
            {
                values[(r * dimensions) + j] = (float)(Trajectory(j, step) + offset);
            }

            values[(r * dimensions) + joints] = step;
        }
    }

    public void Terminate()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
