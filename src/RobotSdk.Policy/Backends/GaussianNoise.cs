namespace RobotSdk.Policy.Backends;

/// <summary>
/// Reproducible standard normal samples: SplitMix64 (Steele, Lea and Flood 2014) gives 53-bit uniform
/// numbers in (0, 1], and the Box-Muller transform turns each pair into two independent normals
/// (sqrt(−2 ln u1) cos 2πu2, then sqrt(−2 ln u1) sin 2πu2). The same seed gives the same sequence on
/// every platform and .NET version (unlike <see cref="Random"/>'s unseeded algorithm). Allocation-free.
/// </summary>
internal sealed class GaussianNoise(ulong seed)
{
    private ulong state = seed;
    private double spare;
    private bool hasSpare;

    /// <summary>Fills <paramref name="destination"/> with the next samples.</summary>
    public void Fill(Span<float> destination)
    {
        for (int index = 0; index < destination.Length; index++)
        {
            destination[index] = (float)Next();
        }
    }

    /// <summary>The next sample.</summary>
    public double Next()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }

        double radius = Math.Sqrt(-2.0 * Math.Log(NextUniform()));
        double angle = 2.0 * Math.PI * NextUniform();
        spare = radius * Math.Sin(angle);
        hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>A uniform number in (0, 1]: never 0, so its logarithm is finite.</summary>
    private double NextUniform() => ((NextBits() >> 11) + 1) * (1.0 / (1UL << 53));

    private ulong NextBits()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
