using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Preprocessing;

/// <summary>
/// Normalizes state before the model and restores actions after it, exactly as openpi's
/// <c>Normalize</c> and <c>Unnormalize</c> transforms (REFERENCE section 6), computing in double
/// like numpy does with its float64 statistics and rounding to float once:
/// z-score <c>(x − mean) / (std + 1e-6)</c> and back <c>x (std + 1e-6) + mean</c>;
/// quantile <c>(x − q01) / (q99 − q01 + 1e-6) × 2 − 1</c> and back <c>(x + 1) / 2 (q99 − q01 + 1e-6) + q01</c>.
/// A vector shorter than the statistics uses their first dimensions. When restoring a vector
/// longer than the statistics (pi0's actions padded to 32), the extra dimensions are treated as
/// openpi does: z-score as mean 0 and std 1, quantile passed through. Allocation-free after construction.
/// </summary>
public sealed class Normalizer
{
    /// <summary>The epsilon openpi adds to every denominator.</summary>
    public const double Epsilon = 1e-6;

    private readonly double[] center;
    private readonly double[] spread;

    /// <summary>Creates a normalizer from <paramref name="statistics"/>.</summary>
    /// <exception cref="ArgumentException">The method's statistics are missing, empty or of different lengths.</exception>
    public Normalizer(NormalizationStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Method = statistics.Method;
        (IReadOnlyList<double>? first, IReadOnlyList<double>? second, string names) = Method == NormalizationMethod.ZScore
            ? (statistics.Mean, statistics.StandardDeviation, "mean and std")
            : (statistics.Quantile01, statistics.Quantile99, "q01 and q99");
        if (first is null || second is null || first.Count == 0 || first.Count != second.Count)
        {
            throw new ArgumentException($"{Method} normalization needs {names} of one non-zero length.", nameof(statistics));
        }

        center = [.. first];
        spread = new double[first.Count];
        for (int i = 0; i < spread.Length; i++)
        {
            // The denominators as openpi forms them: std + eps, or (q99 - q01) + eps.
            spread[i] = Method == NormalizationMethod.ZScore ? second[i] + Epsilon : second[i] - first[i] + Epsilon;
        }
    }

    /// <summary>Z-score or quantile.</summary>
    public NormalizationMethod Method { get; }

    /// <summary>Dimensions the statistics describe.</summary>
    public int Dimensions => center.Length;

    /// <summary>Normalizes <paramref name="values"/> into <paramref name="destination"/> (they may be the same memory).</summary>
    /// <exception cref="ArgumentException">The vector is longer than the statistics, or the destination is shorter than it.</exception>
    public void Normalize(ReadOnlySpan<float> values, Span<float> destination)
    {
        if (values.Length > Dimensions)
        {
            throw new ArgumentException($"A vector of {values.Length} values cannot be normalized with statistics of {Dimensions} dimensions.", nameof(values));
        }

        CheckDestination(values.Length, destination.Length);
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            destination[i] = Method == NormalizationMethod.ZScore
                ? (float)((x - center[i]) / spread[i])
                : (float)(((x - center[i]) / spread[i] * 2.0) - 1.0);
        }
    }

    /// <summary>Restores one normalized vector (an action) into <paramref name="destination"/> (they may be the same memory).</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the vector.</exception>
    public void Denormalize(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckDestination(values.Length, destination.Length);
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (i >= Dimensions)
            {
                destination[i] = Method == NormalizationMethod.ZScore ? (float)(x * (1.0 + Epsilon)) : values[i];
            }
            else
            {
                destination[i] = Method == NormalizationMethod.ZScore
                    ? (float)((x * spread[i]) + center[i])
                    : (float)(((x + 1.0) / 2.0 * spread[i]) + center[i]);
            }
        }
    }

    /// <summary>Restores a chunk of actions stored row after row, <paramref name="dimensions"/> values per row.</summary>
    /// <exception cref="ArgumentException">The chunk is not a whole number of rows, or the destination is shorter than it.</exception>
    public void DenormalizeChunk(ReadOnlySpan<float> chunk, int dimensions, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (chunk.Length % dimensions != 0)
        {
            throw new ArgumentException($"A chunk of {chunk.Length} values is not a whole number of {dimensions}-value actions.", nameof(chunk));
        }

        CheckDestination(chunk.Length, destination.Length);
        for (int start = 0; start < chunk.Length; start += dimensions)
        {
            Denormalize(chunk.Slice(start, dimensions), destination.Slice(start, dimensions));
        }
    }

    private static void CheckDestination(int needed, int destinationLength)
    {
        if (destinationLength < needed)
        {
            throw new ArgumentOutOfRangeException(nameof(destinationLength), destinationLength, $"The destination must hold at least {needed} values.");
        }
    }
}
