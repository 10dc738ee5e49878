using System.Diagnostics;

namespace RobotSdk.Tests.Infrastructure;

/// <summary>
/// Streams arm targets from a dedicated thread every few milliseconds, as an application's
/// teleoperation thread would, independent of the thread pool. Stops on dispose or when the
/// robot refuses a target, which it keeps.
/// </summary>
internal sealed class TargetStreamer : IDisposable
{
    private readonly Robot _robot;
    private readonly Action<double, double[]> _targetAt;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _sent;

    public TargetStreamer(Robot robot, Action<double, double[]> targetAt, TimeSpan? interval = null)
    {
        _robot = robot;
        _targetAt = targetAt;
        _interval = interval ?? TimeSpan.FromMilliseconds(5);
        _thread = new Thread(Run) { IsBackground = true, Name = "test target streamer" };
        _thread.Start();
    }

    /// <summary>Targets sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The exception that stopped the stream, if any.</summary>
    public Exception? Refusal { get; private set; }

    /// <summary>Whether the thread has ended.</summary>
    public bool HasStopped => !_thread.IsAlive;

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        var target = new double[_robot.Arm.Joints.Count];
        do
        {
            _targetAt(clock.Elapsed.TotalSeconds, target);
            try
            {
                _robot.Arm.SetTargetPositions(target);
            }
            catch (RobotHaltedException exception)
            {
                Refusal = exception;
                return;
            }

            Interlocked.Increment(ref _sent);
        }
        while (!_stop.Wait(_interval));
    }
}
