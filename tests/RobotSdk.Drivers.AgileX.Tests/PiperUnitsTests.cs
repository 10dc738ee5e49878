namespace RobotSdk.Drivers.AgileX.Tests;

public sealed class PiperUnitsTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(10000, 0.17453292519943295)]
    [InlineData(-90000, -1.5707963267948966)]
    [InlineData(180000, Math.PI)]
    [InlineData(1, 1.7453292519943295e-5)]
    public void MillidegreesToRadians(int millidegrees, double radians)
    {
        Assert.Equal(radians, PiperUnits.MillidegreesToRadians(millidegrees), 1e-12);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.17453292519943295, 10000)] // 10 degrees, the golden vector's joint 1
    [InlineData(-0.3490658503988659, -20000)]
    [InlineData(-1.5707963267948966, -90000)]
    [InlineData(2.6179, 149995)] // the SDK's joint 1 limit
    [InlineData(1e12, int.MaxValue)] // saturates instead of wrapping
    [InlineData(-1e12, int.MinValue)]
    [InlineData(double.NaN, 0)]
    public void RadiansToMillidegrees(double radians, int millidegrees)
    {
        Assert.Equal(millidegrees, PiperUnits.RadiansToMillidegrees(radians));
    }

    [Theory]
    [InlineData(50000, 0.05)]
    [InlineData(70000, 0.07)]
    [InlineData(-1, -1e-6)]
    public void MicrometresToMetres(int micrometres, double metres)
    {
        Assert.Equal(metres, PiperUnits.MicrometresToMetres(micrometres), 1e-12);
    }

    [Theory]
    [InlineData(0.05, 50000)] // the golden gripper stroke, 0xC350
    [InlineData(0.0700004, 70000)]
    [InlineData(0.0000005, 0)] // ties go to even, as Python's round
    [InlineData(0.0000015, 2)]
    public void MetresToMicrometres(double metres, int micrometres)
    {
        Assert.Equal(micrometres, PiperUnits.MetresToMicrometres(metres));
    }

    [Theory]
    [InlineData(1000, 1.0)]
    [InlineData(5000, 5.0)]
    [InlineData(-250, -0.25)]
    public void MilliNewtonMetresToNewtonMetres_AndBack(int milliNewtonMetres, double newtonMetres)
    {
        Assert.Equal(newtonMetres, PiperUnits.MilliNewtonMetresToNewtonMetres(milliNewtonMetres), 1e-12);
        Assert.Equal(milliNewtonMetres, PiperUnits.NewtonMetresToMilliNewtonMetres(newtonMetres));
    }

    [Theory]
    [InlineData(3000, 3.0)]
    [InlineData(-1234, -1.234)]
    public void MilliradiansPerSecondToRadiansPerSecond_AndBack(int milliradiansPerSecond, double radiansPerSecond)
    {
        Assert.Equal(radiansPerSecond, PiperUnits.MilliradiansPerSecondToRadiansPerSecond(milliradiansPerSecond), 1e-12);
        Assert.Equal(milliradiansPerSecond, PiperUnits.RadiansPerSecondToMilliradiansPerSecond(radiansPerSecond));
    }

    [Theory]
    [InlineData(1500, 1.5)]
    [InlineData(-200, -0.2)]
    public void MilliamperesToAmperes_AndBack(int milliamperes, double amperes)
    {
        Assert.Equal(amperes, PiperUnits.MilliamperesToAmperes(milliamperes), 1e-12);
        Assert.Equal(milliamperes, PiperUnits.AmperesToMilliamperes(amperes));
    }

    [Theory]
    [InlineData(240, 24.0)]
    [InlineData(1, 0.1)]
    public void DecivoltsToVolts_AndBack(int decivolts, double volts)
    {
        Assert.Equal(volts, PiperUnits.DecivoltsToVolts(decivolts), 1e-12);
        Assert.Equal(decivolts, PiperUnits.VoltsToDecivolts(volts));
    }

    [Fact]
    public void RadiansToMillidegrees_RoundTripsEveryMillidegree_InAJointsRange()
    {
        for (int millidegrees = -180000; millidegrees <= 180000; millidegrees += 7)
        {
            Assert.Equal(millidegrees, PiperUnits.RadiansToMillidegrees(PiperUnits.MillidegreesToRadians(millidegrees)));
        }
    }
}
