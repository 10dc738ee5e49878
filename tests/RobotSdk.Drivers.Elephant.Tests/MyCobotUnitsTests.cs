namespace RobotSdk.Drivers.Elephant.Tests;

public sealed class MyCobotUnitsTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(10.0, 1000)]
    [InlineData(-20.5, -2050)]
    [InlineData(45.0, 4500)]
    [InlineData(-90.0, -9000)]
    [InlineData(180.0, 18000)]
    [InlineData(0.004, 0)]
    [InlineData(0.006, 1)]
    [InlineData(-0.006, -1)]
    [InlineData(12.346, 1235)]
    [InlineData(400.0, short.MaxValue)]
    [InlineData(-400.0, short.MinValue)]
    public void DegreesToSteps_RoundsToHundredthsAndSaturates(double degrees, short steps)
    {
        Assert.Equal(steps, MyCobotUnits.DegreesToSteps(degrees));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(9000, Math.PI / 2)]
    [InlineData(-18000, -Math.PI)]
    [InlineData(1, Math.PI / 18000)]
    [InlineData(-2050, -20.5 * Math.PI / 180)]
    public void StepsToRadians_IsHundredthsOfADegree(short steps, double radians)
    {
        Assert.Equal(radians, MyCobotUnits.StepsToRadians(steps), 12);
        Assert.Equal(steps, MyCobotUnits.RadiansToSteps(radians));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1500, 0.15)]
    [InlineData(-632, -0.0632)]
    [InlineData(4127, 0.4127)]
    public void PositionSteps_AreTenthsOfAMillimetre(short steps, double metres)
    {
        Assert.Equal(metres, MyCobotUnits.StepsToMetres(steps), 12);
        Assert.Equal(steps, MyCobotUnits.MetresToSteps(metres));
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(100, 1.0)]
    [InlineData(60, 0.6)]
    [InlineData(1, 0.01)]
    [InlineData(150, 1.0)]
    [InlineData(-5, 0.0)]
    public void GripperValue_IsTheOpenFractionInPercent_Clamped(int value, double openFraction)
    {
        Assert.Equal(openFraction, MyCobotUnits.GripperValueToOpenFraction(value), 12);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 100)]
    [InlineData(0.604, 60)]
    [InlineData(0.606, 61)]
    [InlineData(1.5, 100)]
    [InlineData(-0.2, 0)]
    public void OpenFraction_RoundsToTheNearestGripperValue_Clamped(double openFraction, int value)
    {
        Assert.Equal(value, MyCobotUnits.OpenFractionToGripperValue(openFraction));
    }
}
