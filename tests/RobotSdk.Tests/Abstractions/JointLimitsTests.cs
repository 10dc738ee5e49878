namespace RobotSdk.Tests.Abstractions;

public sealed class JointLimitsTests
{
    [Fact]
    public void FindContradiction_ReturnsNull_ForConsistentLimits()
    {
        Assert.Null(new JointLimits(-1, 1, 2, 10).FindContradiction());
    }

    [Fact]
    public void FindContradiction_AcceptsInfiniteSpeedAndAcceleration_AsUnlimited()
    {
        Assert.Null(new JointLimits(-1, 1, double.PositiveInfinity, double.PositiveInfinity).FindContradiction());
    }

    [Theory]
    [InlineData(1.0, 1.0, 2.0, 10.0, "MinPosition 1 must be less than MaxPosition 1")]
    [InlineData(2.0, -2.0, 2.0, 10.0, "MinPosition 2 must be less than MaxPosition -2")]
    [InlineData(-1.0, 1.0, 0.0, 10.0, "MaxVelocity 0 must be positive")]
    [InlineData(-1.0, 1.0, -3.0, 10.0, "MaxVelocity -3 must be positive")]
    [InlineData(-1.0, 1.0, 2.0, 0.0, "MaxAcceleration 0 must be positive")]
    [InlineData(double.NaN, 1.0, 2.0, 10.0, "a limit is NaN")]
    [InlineData(-1.0, 1.0, 2.0, double.NaN, "a limit is NaN")]
    public void FindContradiction_NamesTheFirstContradiction(double min, double max, double velocity, double acceleration, string expected)
    {
        Assert.Equal(expected, new JointLimits(min, max, velocity, acceleration).FindContradiction());
    }

    [Theory]
    [InlineData(-1.0, true)]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(1.0000001, false)]
    [InlineData(-1.5, false)]
    [InlineData(double.NaN, false)]
    public void Contains_IncludesBothEnds(double position, bool expected)
    {
        Assert.Equal(expected, new JointLimits(-1, 1, 2, 10).Contains(position));
    }
}
