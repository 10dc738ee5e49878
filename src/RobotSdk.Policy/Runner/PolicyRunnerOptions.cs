using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Runner;

/// <summary>Settings of a <see cref="PolicyRunner"/>: the policy's manifest, the chunk execution mode and the watchdog.</summary>
public sealed class PolicyRunnerOptions
{
    /// <summary>The policy's manifest: its inputs size the observation, its action space gives H, s, the dimensions and the control rate.</summary>
    public required PolicyManifest Manifest { get; set; }

    /// <summary>How chunks become actions; real-time chunking by default.</summary>
    public ChunkExecution Execution { get; set; } = ChunkExecution.RealTimeChunking;

    /// <summary>Overrides the manifest's execution horizon s (actions executed per chunk), 1 to H; null keeps the manifest's.</summary>
    public int? ExecutionHorizon { get; set; }

    /// <summary>
    /// The longest one inference (observation capture plus backend) may take before it counts as a
    /// stall: it is cancelled, the arm keeps holding, and the fallback takes over when there is one.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a backend's <see cref="IPolicyBackend.StartAsync"/> (loading a model, connecting) may take.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A backend to switch to after the first failure of the main one (for example a local model behind a remote one); the run then stays on it. Null: none.</summary>
    public IPolicyBackend? Fallback { get; set; }

    /// <summary>
    /// After a failure with no fallback left: true keeps holding the last target and retries (a remote
    /// server may come back); false ends the run with <see cref="PolicyRunStopReason.PolicyFailed"/>.
    /// </summary>
    public bool HoldOnStall { get; set; } = true;

    /// <summary>The instruction sent with every observation; null uses the manifest's default prompt.</summary>
    public string? Prompt { get; set; }

    /// <summary>Temporal ensembling: steps between queries, k ≥ 1 (ACT: 1).</summary>
    public int EnsembleQueryInterval { get; set; } = 1;

    /// <summary>Temporal ensembling: the weight decay m ≥ 0 in w_i = exp(−m·i), i = 0 the oldest chunk (ACT: 0.01).</summary>
    public double EnsembleDecay { get; set; } = 0.01;

    /// <summary>Returns every problem of these options, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Manifest is null)
        {
            problems.Add("Manifest: required");
            return problems;
        }

        ActionSpace actions = Manifest.Actions;
        if (actions.ChunkLength < 1)
        {
            problems.Add($"Manifest.Actions.ChunkLength: {actions.ChunkLength} is not at least 1");
        }

        if (actions.Dimensions < 1)
        {
            problems.Add($"Manifest.Actions.Dimensions: {actions.Dimensions} is not at least 1");
        }

        if (!(actions.ControlRateHertz > 0 && actions.ControlRateHertz <= 1000))
        {
            problems.Add($"Manifest.Actions.ControlRateHertz: {actions.ControlRateHertz} is not within (0, 1000]");
        }

        int horizon = ExecutionHorizon ?? actions.ExecutionHorizon;
        if (horizon < 1 || horizon > actions.ChunkLength)
        {
            problems.Add($"{(ExecutionHorizon is null ? "Manifest.Actions.ExecutionHorizon" : nameof(ExecutionHorizon))}: {horizon} is not within [1, {actions.ChunkLength}] (the chunk length)");
        }

        if (!Enum.IsDefined(Execution))
        {
            problems.Add($"{nameof(Execution)}: {(int)Execution} is not a chunk execution mode");
        }

        if (StallTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(StallTimeout)}: {StallTimeout} is not positive");
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(StartTimeout)}: {StartTimeout} is not positive");
        }

        if (EnsembleQueryInterval < 1)
        {
            problems.Add($"{nameof(EnsembleQueryInterval)}: {EnsembleQueryInterval} is not at least 1");
        }

        if (!(EnsembleDecay >= 0 && double.IsFinite(EnsembleDecay)))
        {
            problems.Add($"{nameof(EnsembleDecay)}: {EnsembleDecay} is not a finite number of at least 0");
        }

        bool delta = Enumerable.Range(0, Math.Max(actions.Dimensions, 0)).Any(actions.IsDelta);
        if (delta && Execution is ChunkExecution.RealTimeChunking or ChunkExecution.TemporalEnsembling)
        {
            // Both mix actions of chunks observed at different states; deltas are relative to different anchors.
            problems.Add($"{nameof(Execution)}: {Execution} mixes actions of different chunks, which is wrong for the delta actions of this manifest ({actions.Kind}) because each chunk's deltas are relative to its own observation; use Asynchronous or Synchronous, or absolute actions");
        }

        return problems;
    }
}
