namespace RobotSdk.Drivers.Dynamixel.Tests.ControlTable;

public sealed class ServoUnitsTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(2048, 0.0)]
    [InlineData(3072, Math.PI / 2)]
    [InlineData(1024, -Math.PI / 2)]
    [InlineData(0, -Math.PI)]
    [InlineData(4096, Math.PI)]
    [InlineData(2049, 2 * Math.PI / 4096)]
    [InlineData(6144, 2 * Math.PI)]
    public void PositionCounts_AndRadians_ConvertBothWays(int counts, double radians)
    {
        Assert.Equal(radians, ServoUnits.PositionToRadians(counts), Tolerance);
        Assert.Equal(counts, ServoUnits.RadiansToPosition(radians));
    }

    [Theory]
    [InlineData(0.0004, 2048)]
    [InlineData(0.0012, 2049)]
    [InlineData(-0.0012, 2047)]
    public void RadiansToPosition_RoundsToTheNearestCount(double radians, int counts)
    {
        Assert.Equal(counts, ServoUnits.RadiansToPosition(radians));
    }

    [Theory]
    [InlineData(1, 0.023980823)]
    [InlineData(-1, -0.023980823)]
    [InlineData(100, 2.3980823)]
    [InlineData(0, 0.0)]
    public void VelocityUnits_Are0Point229RpmEach(int units, double radiansPerSecond)
    {
        Assert.Equal(radiansPerSecond, ServoUnits.VelocityToRadiansPerSecond(units), 1e-7);
        Assert.Equal(units, ServoUnits.RadiansPerSecondToVelocity(radiansPerSecond));
    }

    [Theory]
    [InlineData("XL330-M288", 1000, 1.0)]
    [InlineData("XL330-M077", -250, -0.25)]
    [InlineData("XM430-W350", 100, 0.269)]
    [InlineData("XM540-W270", 1000, 2.69)]
    public void CurrentUnits_DependOnTheModel(string name, int units, double amperes)
    {
        ServoModel model = ServoModel.All.Single(model => model.Name == name);

        Assert.Equal(amperes, ServoUnits.CurrentToAmperes(units, model), 1e-9);
        Assert.Equal(units, ServoUnits.AmperesToCurrent(amperes, model));
    }

    [Theory]
    [InlineData("XL430-W250")]
    [InlineData("XC430-W150")]
    public void Current_IsNaN_ForModelsThatReportLoad(string name)
    {
        ServoModel model = ServoModel.All.Single(model => model.Name == name);

        Assert.True(double.IsNaN(ServoUnits.CurrentToAmperes(100, model)));
        Assert.Throws<ArgumentException>(() => ServoUnits.AmperesToCurrent(1.0, model));
    }

    [Theory]
    [InlineData(1000, 100.0)]
    [InlineData(-55, -5.5)]
    public void PresentLoad_IsTenthsOfAPercent(int units, double percent)
    {
        Assert.Equal(percent, ServoUnits.LoadToPercent(units), 1e-9);
    }

    [Fact]
    public void RadiansToPosition_RefusesNaN()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ServoUnits.RadiansToPosition(double.NaN));
    }

    [Fact]
    public void PositionRoundTrip_IsWithinHalfACount()
    {
        var random = new Random(99);
        for (int trial = 0; trial < 1000; trial++)
        {
            double radians = (random.NextDouble() - 0.5) * 20;

            double back = ServoUnits.PositionToRadians(ServoUnits.RadiansToPosition(radians));

            Assert.InRange(Math.Abs(back - radians), 0, (ServoUnits.RadiansPerCount / 2) + 1e-12);
        }
    }
}
