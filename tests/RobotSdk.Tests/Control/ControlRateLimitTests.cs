namespace RobotSdk.Tests.Control;

/// <summary>A driver whose link cannot keep a fast loop says so; a robot configured faster is refused with the reason.</summary>
public sealed class ControlRateLimitTests
{
    private static readonly RobotDescription SlowLinkArm = new("slow-arm", [new JointDescription("j1", JointKind.Revolute, new JointLimits(-1, 1, 1, 5))])
    {
        MaxControlRateHz = 15,
    };

    [Fact]
    public void ARateAboveWhatTheLinkSustains_IsRefused_NamingTheArmAndTheLimit()
    {
        IReadOnlyList<string> problems = new RobotOptions { ControlRateHz = 200 }.Validate(SlowLinkArm);

        string problem = Assert.Single(problems);
        Assert.Contains("ControlRateHz 200 is above the 15 Hz a 'slow-arm' sustains", problem, StringComparison.Ordinal);
        Assert.Contains("set ControlRateHz to 15 or less", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(10)]
    public void ARateTheLinkSustains_IsAccepted(double rateHz) =>
        Assert.Empty(new RobotOptions { ControlRateHz = rateHz }.Validate(SlowLinkArm));

    [Fact]
    public void SustainableControlRate_IsThePreferredRate_CappedAtTheLinksLimit()
    {
        Assert.Equal(15, SlowLinkArm.SustainableControlRate(100));
        Assert.Equal(10, SlowLinkArm.SustainableControlRate(10));
        Assert.Equal(100, (SlowLinkArm with { MaxControlRateHz = null }).SustainableControlRate(100));
        Assert.Empty(new RobotOptions { ControlRateHz = SlowLinkArm.SustainableControlRate(100) }.Validate(SlowLinkArm));
    }

    [Fact]
    public void WithoutALimit_AnyRateUpToOneKilohertzIsAccepted() =>
        Assert.Empty(new RobotOptions { ControlRateHz = 1000 }.Validate(SlowLinkArm with { MaxControlRateHz = null }));
}
