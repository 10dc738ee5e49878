namespace RobotSdk.Policy.Manifest;

/// <summary>
/// Statistics of one vector (state or actions) and the method that uses them, per dimension.
/// The method's own statistics are required (mean and std for z-score, q01 and q99 for
/// quantile); the others may be present too, as openpi's <c>norm_stats.json</c> always holds all four.
/// </summary>
/// <param name="Method">Z-score or quantile.</param>
/// <param name="Mean">Per-dimension mean, or null.</param>
/// <param name="StandardDeviation">Per-dimension standard deviation (openpi's <c>std</c>), or null.</param>
/// <param name="Quantile01">Per-dimension 1st percentile (openpi's <c>q01</c>), or null.</param>
/// <param name="Quantile99">Per-dimension 99th percentile (openpi's <c>q99</c>), or null.</param>
/// <param name="SourceFile">Full path of the openpi <c>norm_stats.json</c> the numbers were read from, or null when they are written inline.</param>
/// <param name="SourceKey">The key under <c>norm_stats</c> in <paramref name="SourceFile"/> (<c>state</c> or <c>actions</c>), or null.</param>
public sealed record NormalizationStatistics(
    NormalizationMethod Method,
    IReadOnlyList<double>? Mean,
    IReadOnlyList<double>? StandardDeviation,
    IReadOnlyList<double>? Quantile01,
    IReadOnlyList<double>? Quantile99,
    string? SourceFile = null,
    string? SourceKey = null)
{
    /// <summary>Number of dimensions the statistics describe (the length of the method's statistics).</summary>
    public int Dimensions => (Method == NormalizationMethod.ZScore ? Mean : Quantile01)?.Count ?? 0;
}
