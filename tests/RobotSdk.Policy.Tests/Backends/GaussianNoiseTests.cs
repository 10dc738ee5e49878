using RobotSdk.Policy.Backends;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>The flow-matching noise is standard normal and reproducible from its seed.</summary>
public sealed class GaussianNoiseTests
{
    [Fact]
    public void Samples_HaveMeanZeroVarianceOne_AndNormalTails()
    {
        var noise = new GaussianNoise(seed: 2024);
        const int count = 200_000;
        double sum = 0;
        double squares = 0;
        int beyondTwoSigma = 0;
        for (int index = 0; index < count; index++)
        {
            double sample = noise.Next();
            sum += sample;
            squares += sample * sample;
            beyondTwoSigma += Math.Abs(sample) > 2 ? 1 : 0;
        }

        double mean = sum / count;
        double variance = (squares / count) - (mean * mean);

        // Standard errors at 200 000 samples: mean 0.0022, variance 0.0032, tail fraction 0.0005.
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.985, 1.015);
        Assert.InRange(beyondTwoSigma / (double)count, 0.0455 - 0.003, 0.0455 + 0.003);
    }

    [Fact]
    public void SameSeed_GivesTheSameSequence_OtherSeedsDiffer()
    {
        var first = new float[64];
        var again = new float[64];
        var other = new float[64];
        new GaussianNoise(7).Fill(first);
        new GaussianNoise(7).Fill(again);
        new GaussianNoise(8).Fill(other);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, value => Assert.True(float.IsFinite(value)));
    }
}
