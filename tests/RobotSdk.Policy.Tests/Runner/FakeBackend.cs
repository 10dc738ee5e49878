using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

/// <summary>
/// A backend whose chunks encode where they come from: number 0 of row r is 0.001 × (observation
/// step + r) (a ramp every chunk agrees on, so the row used for a step can be checked), number 1 is
/// <see cref="Marker"/> plus 0.01 × the call number, number 2 is 0.1 × the call number (where
/// consecutive chunks disagree), 3 and 4 are 0, and the gripper is half open. Each call can be
/// delayed, made to hang, or made to throw.
/// </summary>
internal sealed class FakeBackend(string description = "fake") : IPolicyBackend
{
    private int _calls;
    private int _terminations;
    private int _starts;

    public string Description => description;

    public bool InpaintsPrefix { get; set; }

    public float Marker { get; set; }

    /// <summary>Called at the start of every inference with its call number (1, 2, …); may delay, hang or throw.</summary>
    public Func<int, CancellationToken, Task> Behaviour { get; set; } = (_, _) => Task.CompletedTask;

    public int Calls => Volatile.Read(ref _calls);

    public int Terminations => Volatile.Read(ref _terminations);

    public int Starts => Volatile.Read(ref _starts);

    public List<ChunkPrefix?> PrefixesSeen { get; } = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        return Task.CompletedTask;
    }

    public async Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken)
    {
        int call = Interlocked.Increment(ref _calls);
        lock (PrefixesSeen)
        {
            PrefixesSeen.Add(prefix is null ? null : Copy(prefix));
        }

        await Behaviour(call, cancellationToken).ConfigureAwait(false);
        int rows = chunk.Length / RunnerTestRig.Dimensions;
        Span<float> values = chunk.Span;
        for (int r = 0; r < rows; r++)
        {
            Span<float> action = values.Slice(r * RunnerTestRig.Dimensions, RunnerTestRig.Dimensions);
            action[0] = 0.001f * (observation.ControlStep + r);
            action[1] = Marker + (0.01f * call);
            action[2] = 0.1f * call;
            action[3] = 0;
            action[4] = 0;
            action[5] = 0.5f;
        }
    }

    public void Terminate() => Interlocked.Increment(ref _terminations);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static ChunkPrefix Copy(ChunkPrefix prefix)
    {
        var copy = new ChunkPrefix(prefix.ChunkLength, prefix.Dimensions) { Delay = prefix.Delay };
        prefix.Actions.CopyTo(copy.Actions, 0);
        prefix.Weights.CopyTo(copy.Weights, 0);
        return copy;
    }
}
