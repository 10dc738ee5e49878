namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>The output checksum both sides print: Σ value[i]·((i mod 13) − 6), which a zero-mean layer norm or a permutation does not hide.</summary>
internal static class OutputChecksums
{
    public static double Of(float[] values)
    {
        var total = 0.0;
        for (var index = 0; index < values.Length; index++)
        {
            total += values[index] * ((index % 13) - 6.0);
        }

        return total;
    }
}
