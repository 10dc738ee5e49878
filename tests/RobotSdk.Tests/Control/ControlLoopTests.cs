using System.Diagnostics;
using RobotSdk.Control;
using RobotSdk.Tests.Infrastructure;

namespace RobotSdk.Tests.Control;

[Collection(RealTimeTests.Name)]
public sealed class ControlLoopTests
{
    [Theory]
    [InlineData(LoopPacing.Deadline)]
    [InlineData(LoopPacing.NaiveSleep)]
    public void Loop_RunsAtTheRequestedRate_NeverFaster(LoopPacing pacing)
    {
        var cycle = new CountingCycle();
        using var loop = new ControlLoop("test", 200, cycle, pacing);
        var clock = Stopwatch.StartNew();

        loop.Start();
        Eventually.True(() => cycle.Count >= 100, "100 cycles");
        loop.Stop();
        double elapsed = clock.Elapsed.TotalSeconds;

        long count = cycle.Count;
        Assert.True(count <= (elapsed * 200) + 2, $"{count} cycles in {elapsed:0.000} s is faster than 200 Hz");
        // Generous: this virtual machine stalls for up to a second now and then.
        Assert.True(count >= elapsed * 200 * 0.1, $"{count} cycles in {elapsed:0.000} s is below a tenth of 200 Hz");
        Assert.False(loop.IsRunning);
        Assert.Null(loop.Failure);
    }

    [Fact]
    public void Loop_PassesIncreasingStopwatchTimestamps()
    {
        var cycle = new CountingCycle();
        using var loop = new ControlLoop("test", 500, cycle);

        loop.Start();
        Eventually.True(() => cycle.Count >= 20, "20 cycles");
        loop.Stop();

        Assert.False(cycle.SawTimeGoBackwards);
        Assert.InRange(cycle.LastTicks, 1, Stopwatch.GetTimestamp());
    }

    [Fact]
    public void Statistics_AreNonNegativeAndOrdered()
    {
        var cycle = new CountingCycle();
        using var loop = new ControlLoop("test", 500, cycle);
        loop.Start();
        Eventually.True(() => loop.GetStatistics().Cycles >= 200, "200 recorded cycles");
        loop.Stop();

        ControlLoopStatistics statistics = loop.GetStatistics();

        Assert.Equal(500, statistics.RateHz);
        Assert.InRange(statistics.Overruns, 0, statistics.Cycles);
        Assert.True(statistics.PeriodErrorP50Ms >= 0, $"{statistics}");
        Assert.True(statistics.PeriodErrorP50Ms <= statistics.PeriodErrorP99Ms, $"{statistics}");
        Assert.True(statistics.PeriodErrorP99Ms <= statistics.PeriodErrorMaxMs, $"{statistics}");
        Assert.True(statistics.CycleWorkP99Ms >= 0, $"{statistics}");
        Assert.True(statistics.AllocatedBytesPerCycle >= 0, $"{statistics}");
        Assert.Equal(0.002, loop.PeriodSeconds, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(1001.0)]
    [InlineData(double.NaN)]
    public void Constructor_Throws_WhenTheRateIsOutOfRange(double rateHz)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ControlLoop("test", rateHz, new CountingCycle()));

        Assert.Equal("rateHz", exception.ParamName);
    }

    [Fact]
    public void Constructor_Accepts_OneKilohertz()
    {
        using var loop = new ControlLoop("test", ControlLoop.MaxRateHz, new CountingCycle());

        Assert.Equal(0.001, loop.PeriodSeconds, 12);
    }

    [Fact]
    public void Failure_ReportsTheExceptionOfACycleThatThrew_AndTheLoopStops()
    {
        var boom = new InvalidOperationException("cycle failed");
        var cycle = new CountingCycle { ThrowOnCycle = 3, Exception = boom };
        using var loop = new ControlLoop("test", 200, cycle);

        loop.Start();
        Eventually.True(() => loop.Failure is not null, "the failure to be reported");
        Eventually.True(() => !loop.IsRunning, "the loop to stop");

        Assert.Same(boom, loop.Failure);
        Assert.Equal(3, cycle.Count);
    }

    [Fact]
    public void Start_Throws_WhenAlreadyRunning()
    {
        using var loop = new ControlLoop("test", 200, new CountingCycle());
        loop.Start();

        Assert.Throws<InvalidOperationException>(loop.Start);
    }

    [Fact]
    public void Loop_CanBeRestarted_AfterStop()
    {
        var cycle = new CountingCycle();
        using var loop = new ControlLoop("test", 500, cycle);
        loop.Start();
        Eventually.True(() => cycle.Count >= 5, "5 cycles");
        loop.Stop();
        long stoppedAt = cycle.Count;

        loop.Start();
        Eventually.True(() => cycle.Count >= stoppedAt + 5, "5 more cycles");
        loop.Stop();

        Assert.False(loop.IsRunning);
    }

    private sealed class CountingCycle : IControlCycle
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public long LastTicks { get; private set; }

        public bool SawTimeGoBackwards { get; private set; }

        public long ThrowOnCycle { get; init; } = -1;

        public Exception? Exception { get; init; }

        public void RunCycle(long nowTicks)
        {
            long count = Interlocked.Increment(ref _count);
            SawTimeGoBackwards |= nowTicks < LastTicks;
            LastTicks = nowTicks;
            if (count == ThrowOnCycle)
            {
                throw Exception!;
            }
        }
    }
}
