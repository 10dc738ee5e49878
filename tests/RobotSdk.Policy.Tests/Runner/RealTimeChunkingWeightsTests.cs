using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

public sealed class RealTimeChunkingWeightsTests
{
    [Fact]
    public void Compute_MatchesTheFormula_ForASmallChunkWorkedByHand()
    {
        // H = 10, s = 4, d = 2: the previous chunk covers H − s = 6 steps, c_i = (6 − i) / 5.
        // i = 2: c = 0.8, 0.8 (e^0.8 − 1) / (e − 1) = 0.8 × 1.225541 / 1.718282 = 0.570589
        // i = 3: c = 0.6 → 0.287072; i = 4: c = 0.4 → 0.114492; i = 5: c = 0.2 → 0.025770.
        var weights = new float[10];

        RealTimeChunkingWeights.Compute(10, 4, 2, weights);

        float[] expected = [1, 1, 0.570589f, 0.287072f, 0.114492f, 0.025770f, 0, 0, 0, 0];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - weights[i]) < 2e-6, $"W_{i} = {weights[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void Compute_GivesOneForTheDelayedSteps_AndDecaysToNearlyZeroAtTheEndOfThePrefix_ForPi0Sizes()
    {
        // H = 50, shift 20, d = 5: denominator 26; i = 5: c = 25/26 → 0.904144; i = 29: c = 1/26 → 0.000878.
        var weights = new float[50];

        RealTimeChunkingWeights.Compute(50, 20, 5, weights);

        Assert.All(weights[..5], w => Assert.Equal(1f, w));
        Assert.Equal(0.904144f, weights[5], 5);
        Assert.Equal(0.000878f, weights[29], 5);
        Assert.All(weights[30..], w => Assert.Equal(0f, w));
        for (int i = 6; i < 30; i++)
        {
            Assert.True(weights[i] < weights[i - 1], $"W must decrease from step {i - 1} to {i}");
        }
    }

    [Fact]
    public void Compute_GivesOnlyOnesAndZeros_WhenTheDelayFillsWhatThePreviousChunkCovers()
    {
        var weights = new float[8];

        RealTimeChunkingWeights.Compute(8, 4, 4, weights);

        Assert.Equal([1, 1, 1, 1, 0, 0, 0, 0], weights);
    }

    [Theory]
    [InlineData(0, 0, 0, "chunkLength")]
    [InlineData(10, 11, 0, "shift")]
    [InlineData(10, 4, 5, "delay")]
    [InlineData(10, 4, -1, "delay")]
    public void Compute_RejectsValuesOutOfRange_NamingTheParameter(int chunkLength, int shift, int delay, string parameter)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => RealTimeChunkingWeights.Compute(chunkLength, shift, delay, new float[16]));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void Compute_RejectsASpanShorterThanTheChunk()
    {
        var exception = Assert.Throws<ArgumentException>(() => RealTimeChunkingWeights.Compute(10, 4, 2, new float[9]));

        Assert.Contains("10 steps", exception.Message);
    }
}
