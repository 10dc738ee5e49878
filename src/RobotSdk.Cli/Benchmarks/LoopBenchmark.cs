using System.Diagnostics;
using RobotSdk.Control;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>
/// Runs a robot on the mirror driver at a fixed rate while another thread streams targets
/// at 50 Hz and a third burns CPU like policy inference would, then reports the loop's
/// deadline statistics and allocations.
/// </summary>
internal static class LoopBenchmark
{
    private const double StreamRateHz = 50;

    public static LoopBenchmarkResult Run(double rateHz, double seconds, LoopPacing pacing, int loadThreads)
    {
        var options = new RobotOptions { ControlRateHz = rateHz, Pacing = pacing };
        options.Safety.WatchdogTimeoutMs = 1000;
        using var robot = new Robot(new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = 10 }), options, "bench");
        robot.Connect();
        robot.Activate();

        using var stop = new CancellationTokenSource();
        Thread[] load = [.. Enumerable.Range(0, loadThreads).Select(_ => StartThread(() => BurnCpu(stop.Token), "load"))];
        Thread streamer = StartThread(() => StreamTargets(robot, stop.Token), "stream");

        // Warm up (JIT, caches) before measuring.
        Thread.Sleep(TimeSpan.FromSeconds(Math.Min(1, seconds / 4)));
        robot.ResetLoopStatistics();
        var clock = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        ControlLoopStatistics statistics = robot.GetLoopStatistics();
        double elapsed = clock.Elapsed.TotalSeconds;
        stop.Cancel();
        streamer.Join();
        foreach (Thread thread in load)
        {
            thread.Join();
        }

        return new LoopBenchmarkResult(
            pacing == LoopPacing.Deadline ? "deadline" : "naive-sleep",
            rateHz,
            seconds,
            statistics.Cycles,
            statistics.Cycles / elapsed,
            statistics.PeriodErrorP50Ms,
            statistics.PeriodErrorP99Ms,
            statistics.PeriodErrorMaxMs,
            statistics.Overruns,
            statistics.CycleWorkP99Ms,
            statistics.AllocatedBytesPerCycle,
            loadThreads);
    }

    private static Thread StartThread(Action body, string name)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    /// <summary>Dense arithmetic with some allocation, as an inference thread would do.</summary>
    private static void BurnCpu(CancellationToken token)
    {
        var random = new Random(1);
        double sink = 0;
        while (!token.IsCancellationRequested)
        {
            var buffer = new double[4096];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = Math.Tanh(random.NextDouble()) * sink;
                sink += buffer[i] * 1e-9;
            }
        }

        GC.KeepAlive(sink);
    }

    /// <summary>Streams a slow sine on every arm joint, as a policy would at 50 Hz.</summary>
    private static void StreamTargets(Robot robot, CancellationToken token)
    {
        var targets = new double[robot.Arm.Joints.Count];
        var clock = Stopwatch.StartNew();
        while (!token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1 / StreamRateHz)))
        {
            double t = clock.Elapsed.TotalSeconds;
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = 0.3 * Math.Sin((2 * Math.PI * 0.25 * t) + i);
            }

            robot.Arm.SetTargetPositions(targets);
        }
    }
}
