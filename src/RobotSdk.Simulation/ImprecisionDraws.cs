using RobotSdk.Geometry;

namespace RobotSdk.Simulation;

/// <summary>
/// The random streams of an <see cref="ArmImprecision"/>: one seed per effect, drawn in a fixed order
/// from <see cref="ArmImprecision.Seed"/>, so changing one figure never reshuffles another's draws.
/// </summary>
internal sealed class ImprecisionDraws
{
    public ImprecisionDraws(int seed)
    {
        JointSeed = Mix(seed, 1);
        LinkSeed = Mix(seed, 2);
        SceneCameraSeed = Mix(seed, 3);
        WristCameraSeed = Mix(seed, 4);
        NoiseSeed = Mix(seed, 5);
        TagMountSeed = Mix(seed, 6);
    }

    public int JointSeed { get; }

    public int LinkSeed { get; }

    public int SceneCameraSeed { get; }

    public int WristCameraSeed { get; }

    public int NoiseSeed { get; }

    public int TagMountSeed { get; }

    /// <summary>
    /// A generator seed for stream <paramref name="stream"/> of <paramref name="seed"/>, scrambled by
    /// SplitMix64's finalizer: System.Random's seeded generator gives visibly correlated sequences for
    /// neighbouring seeds (1, 2, 3...), which would make "another seed" a near copy.
    /// </summary>
    public static int Mix(int seed, int stream)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z >> 33);
    }

    /// <summary>Uniform in [-maximum, +maximum].</summary>
    public static double Uniform(Random random, double maximum) => ((random.NextDouble() * 2) - 1) * maximum;

    /// <summary>A standard normal sample (Box-Muller; deterministic for the generator's seed).</summary>
    public static double Gaussian(Random random)
    {
        double u = 1 - random.NextDouble(); // (0, 1]: the logarithm stays finite
        double v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>A direction uniform on the unit sphere.</summary>
    public static Vector3D Direction(Random random)
    {
        while (true)
        {
            var candidate = new Vector3D(Gaussian(random), Gaussian(random), Gaussian(random));
            if (candidate.Length > 1e-9)
            {
                return candidate.Normalized();
            }
        }
    }
}
