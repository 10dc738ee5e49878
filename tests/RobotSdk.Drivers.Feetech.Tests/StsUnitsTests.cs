namespace RobotSdk.Drivers.Feetech.Tests;

public sealed class StsUnitsTests
{
    [Theory]
    [InlineData(2048, 0.0)]
    [InlineData(3072, Math.PI / 2)]
    [InlineData(1024, -Math.PI / 2)]
    [InlineData(0, -Math.PI)]
    [InlineData(4096, Math.PI)]
    [InlineData(2049, 2 * Math.PI / 4096)]
    public void CountsToRadians_PutsZeroAtTheCentreCount(int counts, double radians)
    {
        Assert.Equal(radians, StsUnits.CountsToRadians(counts), 12);
        Assert.Equal(counts, StsUnits.RadiansToCounts(radians));
    }

    [Theory]
    [InlineData(0.0007, 2048)]
    [InlineData(0.0008, 2049)]
    [InlineData(-0.0008, 2047)]
    public void RadiansToCounts_RoundsToTheNearestCount(double radians, int counts)
    {
        Assert.Equal(counts, StsUnits.RadiansToCounts(radians));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(4096, 2 * Math.PI)]
    [InlineData(-2048, -Math.PI)]
    [InlineData(50, 50 * 2 * Math.PI / 4096)]
    public void Speed_ConvertsCountsPerSecondToRadiansPerSecond(int countsPerSecond, double radiansPerSecond)
    {
        Assert.Equal(radiansPerSecond, StsUnits.CountsPerSecondToRadiansPerSecond(countsPerSecond), 12);
        Assert.Equal(countsPerSecond, StsUnits.RadiansPerSecondToCountsPerSecond(radiansPerSecond));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0065)]
    [InlineData(200, 1.3)]
    [InlineData(-100, -0.65)]
    public void Current_Is6Point5MilliamperesPerUnit(int units, double amperes)
    {
        Assert.Equal(amperes, StsUnits.CurrentToAmperes(units), 12);
        Assert.Equal(units, StsUnits.AmperesToCurrent(amperes));
    }

    [Theory]
    [InlineData(1000, 1.0)]
    [InlineData(-500, -0.5)]
    [InlineData(1, 0.001)]
    public void Load_IsATenthOfAPercentOfMaximumTorquePerUnit(int units, double fraction)
    {
        Assert.Equal(fraction, StsUnits.LoadToTorqueFraction(units), 12);
        Assert.Equal(units, StsUnits.TorqueFractionToLoad(fraction));
    }

    [Theory]
    [InlineData(74, 7.4)]
    [InlineData(120, 12.0)]
    [InlineData(0, 0.0)]
    public void Voltage_IsATenthOfAVoltPerUnit(int units, double volts)
    {
        Assert.Equal(volts, StsUnits.VoltageToVolts(units), 12);
        Assert.Equal(units, StsUnits.VoltsToVoltage(volts));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(250, 500)]
    [InlineData(254, 508)]
    public void ReturnDelay_IsTwoMicrosecondsPerUnit(int units, int microseconds)
    {
        Assert.Equal(microseconds, StsUnits.ReturnDelayToMicroseconds(units));
    }

    [Theory]
    [InlineData(0, 1_000_000)]
    [InlineData(1, 500_000)]
    [InlineData(2, 250_000)]
    [InlineData(3, 128_000)]
    [InlineData(4, 115_200)]
    [InlineData(5, 76_800)]
    [InlineData(6, 57_600)]
    [InlineData(7, 38_400)]
    public void BaudRateCodes_FollowFeetechsSdk(int code, int baudRate)
    {
        Assert.Equal(baudRate, StsUnits.BaudRateFromCode(code));
        Assert.Equal(code, StsUnits.CodeFromBaudRate(baudRate));
    }

    [Fact]
    public void BaudRateCodes_OutsideTheTable_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StsUnits.BaudRateFromCode(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => StsUnits.CodeFromBaudRate(9600));
    }

    [Fact]
    public void Positions_RoundTrip_ForRandomCounts()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 10_000; trial++)
        {
            int counts = random.Next(-40_000, 40_000);

            Assert.Equal(counts, StsUnits.RadiansToCounts(StsUnits.CountsToRadians(counts)));
            Assert.Equal(counts, StsUnits.RadiansPerSecondToCountsPerSecond(StsUnits.CountsPerSecondToRadiansPerSecond(counts)));
        }
    }
}
