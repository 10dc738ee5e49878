using RobotSdk.Policy.Runner;

namespace RobotSdk.Cli.Policy;

/// <summary>One episode of <c>robot run</c>, as printed in its JSON.</summary>
internal sealed record PolicyEpisodeResult
{
    public required int Seed { get; init; }

    /// <summary>Virtual task episodes: whether the arm touched the red cube in time; null for a real arm (no ground truth).</summary>
    public bool? Success { get; init; }

    public required double Seconds { get; init; }

    public required string StopReason { get; init; }

    public required long Steps { get; init; }

    public required long HeldSteps { get; init; }

    public required long ChunksReceived { get; init; }

    public required double MaxCommandGapMs { get; init; }

    public required double InferenceMsP50 { get; init; }

    public required double InferenceMsMax { get; init; }

    public required long MapFailures { get; init; }

    public required long WorkspaceRefusals { get; init; }

    /// <summary>Virtual task episodes: where the red cube was, base frame, metres.</summary>
    public double[]? CubePosition { get; init; }

    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>An episode's line from the runner's report; <paramref name="success"/> and <paramref name="cube"/> only for virtual task episodes.</summary>
    public static PolicyEpisodeResult From(PolicyRunReport report, int seed, double seconds, bool? success = null, double[]? cube = null) => new()
    {
        Seed = seed,
        Success = success,
        Seconds = seconds,
        StopReason = report.StopReason.ToString(),
        Steps = report.Steps,
        HeldSteps = report.HeldSteps,
        ChunksReceived = report.ChunksReceived,
        MaxCommandGapMs = report.MaxCommandGapMs,
        InferenceMsP50 = report.InferenceMsP50,
        InferenceMsMax = report.InferenceMsMax,
        MapFailures = report.MapFailures,
        WorkspaceRefusals = report.WorkspaceRefusals,
        CubePosition = cube,
        Failures = report.Failures,
    };
}
