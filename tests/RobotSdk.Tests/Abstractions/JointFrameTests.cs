namespace RobotSdk.Tests.Abstractions;

public sealed class JointFrameTests
{
    [Fact]
    public void Constructor_FillsEveryValueWithNaN()
    {
        var frame = new JointFrame(3);

        Assert.Equal(3, frame.Count);
        Assert.All(frame.Positions.ToArray(), value => Assert.True(double.IsNaN(value)));
        Assert.All(frame.Velocities.ToArray(), value => Assert.True(double.IsNaN(value)));
        Assert.All(frame.Currents.ToArray(), value => Assert.True(double.IsNaN(value)));
        Assert.Equal(0, frame.TimestampTicks);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Constructor_Throws_WhenTheJointCountIsNotPositive(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JointFrame(count));
    }

    [Fact]
    public void CopyFrom_CopiesEveryValueAndTheTimestamp()
    {
        var source = new JointFrame(2) { TimestampTicks = 1234 };
        source.Positions[0] = 1;
        source.Positions[1] = 2;
        source.Velocities[1] = 3;
        source.Currents[0] = 4;
        var destination = new JointFrame(2);

        destination.CopyFrom(source);

        Assert.Equal([1.0, 2.0], destination.Positions.ToArray());
        Assert.Equal(3, destination.Velocities[1]);
        Assert.True(double.IsNaN(destination.Velocities[0]));
        Assert.Equal(4, destination.Currents[0]);
        Assert.Equal(1234, destination.TimestampTicks);
    }

    [Fact]
    public void CopyFrom_Throws_WhenTheJointCountsDiffer()
    {
        var exception = Assert.Throws<ArgumentException>(() => new JointFrame(3).CopyFrom(new JointFrame(2)));

        Assert.Equal("source", exception.ParamName);
        Assert.Contains("2 joints into one of 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_ResetsValuesToNaNAndTheTimestampToZero()
    {
        var frame = new JointFrame(1) { TimestampTicks = 5 };
        frame.Positions[0] = 1;

        frame.Clear();

        Assert.True(double.IsNaN(frame.Positions[0]));
        Assert.Equal(0, frame.TimestampTicks);
    }
}
