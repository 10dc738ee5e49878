using System.Diagnostics;

namespace RobotSdk.Control;

/// <summary>
/// Runs an <see cref="IControlCycle"/> on a dedicated thread at a fixed rate (up to 1 kHz),
/// scheduled by Stopwatch against absolute deadlines, and keeps deadline statistics and the
/// bytes the cycles allocate. Nothing in the loop allocates per cycle.
/// </summary>
public sealed class ControlLoop : IDisposable
{
    /// <summary>Highest supported rate.</summary>
    public const double MaxRateHz = 1000;

    // Sleep while the deadline is further away than this; spin the rest (Linux sleeps overshoot by ~0.1 ms).
    private static readonly long SpinThresholdTicks = Stopwatch.Frequency * 3 / 2000;

    private readonly IControlCycle _cycle;
    private readonly LoopPacing _pacing;
    private readonly long _periodTicks;
    private readonly LatencyHistogram _periodErrors = new();
    private readonly LatencyHistogram _workTimes = new();
    private readonly string _name;
    private Thread? _thread;
    private volatile bool _stopRequested;
    private volatile bool _resetRequested;
    private long _overruns;
    private long _allocatedBytes;
    private Exception? _failure;

    /// <summary>Creates a stopped loop.</summary>
    /// <param name="name">Thread name, for diagnostics.</param>
    /// <param name="rateHz">Cycles per second, greater than 0 and at most <see cref="MaxRateHz"/>.</param>
    /// <param name="cycle">The work of one cycle.</param>
    /// <param name="pacing">How to wait for deadlines.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rateHz"/> is out of range.</exception>
    public ControlLoop(string name, double rateHz, IControlCycle cycle, LoopPacing pacing = LoopPacing.Deadline)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (!(rateHz > 0 && rateHz <= MaxRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, $"The control rate must be above 0 and at most {MaxRateHz} Hz.");
        }

        _name = name;
        RateHz = rateHz;
        _cycle = cycle;
        _pacing = pacing;
        _periodTicks = (long)Math.Round(Stopwatch.Frequency / rateHz);
    }

    /// <summary>Nominal rate.</summary>
    public double RateHz { get; }

    /// <summary>Nominal period in seconds.</summary>
    public double PeriodSeconds => 1.0 / RateHz;

    /// <summary>Whether the thread is running.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>An exception that escaped a cycle and stopped the loop, or null.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Starts the control thread.</summary>
    /// <exception cref="InvalidOperationException">The loop is already running.</exception>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Control loop '{_name}' is already running.");
        }

        _stopRequested = false;
        _thread = new Thread(Run)
        {
            Name = _name,
            IsBackground = true,
            Priority = ThreadPriority.Highest,
        };
        _thread.Start();
    }

    /// <summary>Stops the thread after its current cycle and waits for it.</summary>
    public void Stop()
    {
        _stopRequested = true;
        Thread? thread = _thread;
        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }
    }

    /// <summary>Clears the statistics; takes effect at the start of the next cycle.</summary>
    public void ResetStatistics() => _resetRequested = true;

    /// <summary>A snapshot of the deadline statistics.</summary>
    public ControlLoopStatistics GetStatistics() => new(
        RateHz,
        _periodErrors.Count,
        Interlocked.Read(ref _overruns),
        _periodErrors.QuantileMilliseconds(0.5),
        _periodErrors.QuantileMilliseconds(0.99),
        _periodErrors.MaxMilliseconds,
        _workTimes.QuantileMilliseconds(0.99),
        Interlocked.Read(ref _allocatedBytes));

    /// <inheritdoc />
    public void Dispose() => Stop();

    private void Run()
    {
        try
        {
            long next = Stopwatch.GetTimestamp() + _periodTicks;
            long previousWake = 0;
            while (!_stopRequested)
            {
                if (_pacing == LoopPacing.Deadline)
                {
                    WaitUntil(next);
                }
                else
                {
                    Thread.Sleep(TimeSpan.FromTicks(_periodTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                }

                long wake = Stopwatch.GetTimestamp();
                if (_resetRequested)
                {
                    ResetOnLoopThread();
                    previousWake = 0;
                }

                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                _cycle.RunCycle(wake);
                long end = Stopwatch.GetTimestamp();
                Interlocked.Add(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
                _workTimes.Record(end - wake);
                if (previousWake != 0)
                {
                    _periodErrors.Record(wake - previousWake - _periodTicks);
                }

                previousWake = wake;
                next += _periodTicks;
                if (end > next)
                {
                    Interlocked.Increment(ref _overruns);
                    long missed = ((end - next) / _periodTicks) + 1;
                    next += missed * _periodTicks;
                }
            }
        }
#pragma warning disable CA1031 // The loop must report any failure of a cycle rather than crash the process.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _failure, exception);
        }
    }

    private void ResetOnLoopThread()
    {
        _resetRequested = false;
        _periodErrors.Reset();
        _workTimes.Reset();
        Interlocked.Exchange(ref _overruns, 0);
        Interlocked.Exchange(ref _allocatedBytes, 0);
    }

    private static void WaitUntil(long deadline)
    {
        while (true)
        {
            long remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > SpinThresholdTicks)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
