namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>
/// Standard normal numbers from a seed: SplitMix64 (Steele, Lea and Flood 2014) for uniform bits,
/// Box-Muller for the Gaussian pairs. Written out here rather than taken from <see cref="Random"/>
/// so a seed gives the same weights on every .NET version and the sequence can be reproduced in
/// any language from this description.
/// </summary>
internal sealed class SeededGaussian(long seed)
{
    private ulong state = unchecked((ulong)seed);
    private double? spare;

    /// <summary>The next standard normal number.</summary>
    public double Next()
    {
        if (spare is { } cached)
        {
            spare = null;
            return cached;
        }

        // 1 - u keeps the logarithm's argument in (0, 1].
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextUniform()));
        double angle = 2.0 * Math.PI * NextUniform();
        spare = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary><paramref name="count"/> normal numbers with standard deviation <paramref name="standardDeviation"/>, as floats.</summary>
    public float[] Next(int count, double standardDeviation)
    {
        var values = new float[count];
        for (var index = 0; index < count; index++)
        {
            values[index] = (float)(Next() * standardDeviation);
        }

        return values;
    }

    /// <summary>A uniform number in [0, 1) from the top 53 bits of the next SplitMix64 output.</summary>
    private double NextUniform()
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        ulong mixed = state;
        mixed = unchecked((mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9UL);
        mixed = unchecked((mixed ^ (mixed >> 27)) * 0x94D049BB133111EBUL);
        mixed ^= mixed >> 31;
        return (mixed >> 11) * (1.0 / (1UL << 53));
    }
}
