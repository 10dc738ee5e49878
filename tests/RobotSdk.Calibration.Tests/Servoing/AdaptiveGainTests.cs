using RobotSdk.Calibration.Servoing;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary><see cref="AdaptiveGain"/>: ViSP's schedule between lambda(0) and lambda(inf).</summary>
public sealed class AdaptiveGainTests
{
    [Fact]
    public void At_StartsAtLambdaZero_FallsWithTheSlope_AndTendsToLambdaInfinity()
    {
        var gain = new AdaptiveGain(0.8, 0.4, 30);
        const double step = 1e-7;

        Assert.Equal(0.8, gain.At(0), 12);
        Assert.Equal(-30, (gain.At(step) - gain.At(0)) / step, 3);
        Assert.Equal(0.4, gain.At(10), 12);
        Assert.True(gain.At(0.01) < gain.At(0.005) && gain.At(0.01) > 0.4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.01)]
    [InlineData(100)]
    public void Constant_IsTheSameAtEveryError(double error) => Assert.Equal(0.5, AdaptiveGain.Constant(0.5).At(error), 15);

    [Fact]
    public void Validate_RejectsLambdaInfinityAboveLambdaZero_AndANegativeSlope()
    {
        var above = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveGain(0.5, 0.6, 1).Validate());
        var slope = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveGain(0.5, 0.4, -1).Validate());

        Assert.Equal("AtInfinity", above.ParamName);
        Assert.Equal("SlopeAtZero", slope.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveGain.Default.At(-1));
    }
}
