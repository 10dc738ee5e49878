namespace RobotSdk.Cli.Policy;

/// <summary>What <c>robot run --json</c> prints: the episodes and their aggregate.</summary>
internal sealed record PolicyRunResult
{
    public required string Policy { get; init; }

    public required string Arm { get; init; }

    /// <summary><c>virtual</c> or <c>real</c>.</summary>
    public required string Mode { get; init; }

    public required string Backend { get; init; }

    public required string Execution { get; init; }

    public required double ControlRateHz { get; init; }

    public required int Episodes { get; init; }

    /// <summary>Episodes that succeeded; null for a real arm.</summary>
    public int? Successes { get; init; }

    /// <summary>Successes / episodes; null for a real arm (nothing tells success there).</summary>
    public double? SuccessRate { get; init; }

    /// <summary>Largest interval between two commands to the arm over all episodes, milliseconds.</summary>
    public required double MaxCommandGapMs { get; init; }

    /// <summary>Median of the episodes' median inference times (observation capture and model), milliseconds.</summary>
    public required double InferenceMsP50 { get; init; }

    /// <summary>Calibration file whose kinematics the adapter used, if any.</summary>
    public string? Calibration { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required IReadOnlyList<PolicyEpisodeResult> EpisodeResults { get; init; }

}
