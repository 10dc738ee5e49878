namespace RobotSdk.Policy.Runner;

/// <summary>
/// What happened in one <see cref="PolicyRunner.RunAsync(TimeSpan, CancellationToken)"/>: counts of the
/// control thread, command timing, inference timing, the watchdog and the robot's safety layer.
/// Plain properties, so it serializes to JSON as it is.
/// </summary>
public sealed class PolicyRunReport
{
    /// <summary>The chunk execution mode.</summary>
    public ChunkExecution Execution { get; init; }

    /// <summary>Control steps per second (the manifest's control rate).</summary>
    public double ControlRateHz { get; init; }

    /// <summary>Why the run ended.</summary>
    public PolicyRunStopReason StopReason { get; init; }

    /// <summary>Control steps run (each sent the arm a target), including holds.</summary>
    public long Steps { get; init; }

    /// <summary>Steps that executed an action of a chunk.</summary>
    public long StepsExecuted { get; init; }

    /// <summary>Steps before the first chunk arrived; the arm held where it was.</summary>
    public long StartupSteps { get; init; }

    /// <summary>Steps after the first chunk with no action for them (a synchronous pause, or a chunk that ran out): the last target was sent again.</summary>
    public long HeldSteps { get; init; }

    /// <summary>The longest run of consecutive held steps after the first chunk: the longest the arm paused waiting for the policy.</summary>
    public long LongestHoldSteps { get; init; }

    /// <summary>Deadlines the control thread missed (it was descheduled for longer than a period); those steps were skipped, not bunched.</summary>
    public long MissedSteps { get; init; }

    /// <summary>Actions the embodiment could not map (the previous target was held instead).</summary>
    public long MapFailures { get; init; }

    /// <summary>Why the last unmappable action could not be mapped, or null.</summary>
    public string? LastMapProblem { get; init; }

    /// <summary>Chunks received from the backends.</summary>
    public long ChunksReceived { get; init; }

    /// <summary>Largest interval between two consecutive arm commands, in milliseconds (measured on the control thread).</summary>
    public double MaxCommandGapMs { get; init; }

    /// <summary>The control step whose command ended the largest gap (to line it up with logs or chunk arrivals).</summary>
    public long MaxCommandGapStep { get; init; }

    /// <summary>Commands that came more than 1.5 control periods after the previous one (the control thread was descheduled).</summary>
    public long LateCommands { get; init; }

    /// <summary>Median interval between consecutive arm commands, in milliseconds.</summary>
    public double CommandPeriodP50Ms { get; init; }

    /// <summary>99th percentile of the interval between consecutive arm commands, in milliseconds.</summary>
    public double CommandPeriodP99Ms { get; init; }

    /// <summary>Median time of one inference (observation capture plus backend), in milliseconds; 0 without any.</summary>
    public double InferenceMsP50 { get; init; }

    /// <summary>95th percentile of the inference time, in milliseconds.</summary>
    public double InferenceMsP95 { get; init; }

    /// <summary>Longest inference, in milliseconds.</summary>
    public double InferenceMsMax { get; init; }

    /// <summary>The median inference delay in control steps (d: steps from observation to arrival).</summary>
    public double DelayStepsP50 { get; init; }

    /// <summary>Inferences that failed: past <see cref="PolicyRunnerOptions.StallTimeout"/>, thrown, or the backend's link lost.</summary>
    public long StallEvents { get; init; }

    /// <summary>What went wrong, in order (the first few hundred).</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>The backend that computed the chunks at first.</summary>
    public string Backend { get; init; } = "";

    /// <summary>Whether the run switched to the fallback backend.</summary>
    public bool FallbackUsed { get; init; }

    /// <summary>Why it switched, or null.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>Steps in which the robot's safety layer refused a step toward or beyond its workspace box.</summary>
    public long WorkspaceRefusals { get; init; }

    /// <summary>Cycles in which the robot's safety layer limited a command (position, velocity, acceleration or step limits).</summary>
    public long LimitedCycles { get; init; }

    /// <summary>Bytes the control thread allocated in steady state (after its warm-up steps); 0 is the design.</summary>
    public long ControlThreadAllocatedBytes { get; init; }

    /// <summary>The steps <see cref="ControlThreadAllocatedBytes"/> was measured over.</summary>
    public long AllocationMeasuredSteps { get; init; }

    /// <summary>Allocated bytes per measured control step.</summary>
    public double AllocatedBytesPerStep => AllocationMeasuredSteps == 0 ? 0 : (double)ControlThreadAllocatedBytes / AllocationMeasuredSteps;
}
