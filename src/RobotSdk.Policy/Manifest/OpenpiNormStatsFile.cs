using System.Text.Json.Nodes;

namespace RobotSdk.Policy.Manifest;

/// <summary>
/// Reads openpi's <c>norm_stats.json</c> as openpi writes it (<c>openpi.shared.normalize.save</c>):
/// <c>{"norm_stats": {"state": {"mean": [...], "std": [...], "q01": [...], "q99": [...]}, "actions": {...}}}</c>,
/// where <c>q01</c> and <c>q99</c> may be null or absent for z-score-only statistics.
/// </summary>
public static class OpenpiNormStatsFile
{
    /// <summary>Reads the statistics under <c>norm_stats.<paramref name="key"/></c> for <paramref name="method"/>.</summary>
    /// <param name="path">The <c>norm_stats.json</c> file.</param>
    /// <param name="key">The vector: <c>state</c> or <c>actions</c> (any key the file has).</param>
    /// <param name="method">The method the statistics will be used with; its statistics must be present.</param>
    /// <exception cref="PolicyManifestException">The file cannot be read, is not in openpi's shape, lacks the key or the method's statistics, or its statistics differ in length; the message names the file and the JSON path.</exception>
    public static NormalizationStatistics Load(string path, string key, NormalizationMethod method)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(key);
        var reader = new ManifestJsonReader(path);
        NormalizationStatistics? statistics = Read(reader, key, method);
        if (statistics is null || reader.HasProblems)
        {
            throw new PolicyManifestException(Path.GetFullPath(path), reader.Problems);
        }

        return statistics;
    }

    internal static NormalizationStatistics? Read(ManifestJsonReader reader, string key, NormalizationMethod method)
    {
        JsonObject? root = reader.ParseFile();
        JsonObject? all = root is null ? null : reader.Object(root, "norm_stats", "$", required: true);
        JsonObject? entry = all is null ? null : reader.Object(all, key, "$.norm_stats", required: true);
        if (entry is null)
        {
            return null;
        }

        string path = ManifestJsonReader.Child("$.norm_stats", key);
        List<double>? mean = reader.Numbers(entry, "mean", path, required: method == NormalizationMethod.ZScore);
        List<double>? deviation = reader.Numbers(entry, "std", path, required: method == NormalizationMethod.ZScore);
        List<double>? low = reader.Numbers(entry, "q01", path, required: method == NormalizationMethod.Quantile);
        List<double>? high = reader.Numbers(entry, "q99", path, required: method == NormalizationMethod.Quantile);
        return reader.HasProblems ? null : new NormalizationStatistics(method, mean, deviation, low, high, Path.GetFullPath(reader.File), key);
    }
}
