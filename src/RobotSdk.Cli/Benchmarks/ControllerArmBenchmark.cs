using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Drivers.AgileX;
using RobotSdk.Drivers.AgileX.Emulation;
using RobotSdk.Drivers.Elephant;
using RobotSdk.Drivers.Elephant.Emulation;
using RobotSdk.Drivers.UFactory;
using RobotSdk.Drivers.UFactory.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>
/// Times full control cycles (driver Read + Write, holding the arm where it is) of the real
/// controller-arm drivers against their emulators, and compares them with what the link and the
/// device must spend per cycle: wire time at the line rate and the controller's (modelled) latency.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ControllerArmBenchmark
{
    private const int SerialBitsPerByte = 10; // start + 8 data + stop

    // A standard CAN frame with 8 data bytes, worst-case stuff bits and intermission (see CanWireTime).
    private const int MaxBitsPerFrame = 135;

    /// <summary>
    /// PiPER over SLCAN at 1 Mbit/s, paced at <paramref name="rateHz"/> as a control loop would: the
    /// arm broadcasts its feedback on its own, so a Read only drains what arrived, and a Write is three
    /// joint-target frames (plus a gripper frame now and then). Unpaced, the commands would flood the
    /// bus. The bus, not the driver, bounds the rate: what the broadcasts leave of the bitrate divided
    /// by the bits of one cycle's command frames (counted by the driver's bus, at worst-case stuffing).
    /// </summary>
    public static BusBenchmarkResult RunPiper(int cycles, double rateHz)
    {
        using var emulator = new PiperEmulator(options: new PiperEmulatorOptions());
        emulator.Start();
        using var driver = new PiperDriver(emulator.PortPath);
        int bitrate = new PiperDriverOptions().Bitrate;
        long feedbackFrames = 0;
        long commandFrames = 0;
        double seconds = 0;
        BusBenchmarkResult measured = Measure(driver, "piper-slcan", "feedback broadcast", bitrate, cycles, wireMs: 0, deviceLatencyMs: 0, rateHz, (start, end) =>
        {
            feedbackFrames = end.Received - start.Received;
            commandFrames = end.Sent - start.Sent;
            seconds = end.Seconds - start.Seconds;
        }, () => new Counters(driver.BusStatistics.FramesSent, driver.BusStatistics.FramesReceived, Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));
        double commandBits = commandFrames / (double)cycles * MaxBitsPerFrame;
        double feedbackBitsPerSecond = feedbackFrames / seconds * MaxBitsPerFrame;
        double wireMs = commandBits * 1000.0 / bitrate;
        return measured with
        {
            WireMs = wireMs,
            OverheadRatio = measured.CycleP50Ms / wireMs,
            MaxRateHz = Math.Min(measured.MaxRateHz, (bitrate - feedbackBitsPerSecond) / commandBits),
            FeedbackBusLoad = feedbackBitsPerSecond / bitrate,
        };
    }

    /// <summary>Lite 6 over loopback TCP: a joint read (function 42) and a servo-j (29) per cycle, each answered after the emulator's processing delay.</summary>
    public static BusBenchmarkResult RunLite6(int cycles)
    {
        var options = new Lite6EmulatorOptions();
        using var emulator = new Lite6Emulator(options: options);
        emulator.Start();
        using var driver = new Lite6Driver(Lite6Emulator.Host, emulator.Port);
        return Measure(driver, "lite6", "get joint positions (42)", 0, cycles, wireMs: 0, deviceLatencyMs: 2 * options.ProcessingDelay.TotalMilliseconds);
    }

    /// <summary>
    /// myCobot 280 at 115200 baud: Get Angles (5 + 17 bytes) and Send Angles (18 bytes) per cycle, each
    /// frame processed by the firmware in its modelled latency. The modelled figure is that typical
    /// cycle, which the median measures; every <see cref="MyCobotDriverOptions.GripperReadInterval"/>th
    /// read also queries the gripper (5 + 6 bytes and one more latency), which shows in the p99.
    /// </summary>
    public static BusBenchmarkResult RunMyCobot(int cycles)
    {
        var emulatorOptions = new MyCobotEmulatorOptions();
        using var emulator = new MyCobotEmulator(options: emulatorOptions);
        emulator.Start();
        using var driver = new MyCobotDriver(emulator.PortPath, new MyCobotDriverOptions());
        const int BytesPerCycle = 5 + 17 + 18;
        const int FramesPerCycle = 2;
        int baud = emulatorOptions.BaudRate;
        return Measure(driver, "mycobot", "get angles (0x20)", baud, cycles,
            wireMs: BytesPerCycle * SerialBitsPerByte * 1000.0 / baud, deviceLatencyMs: FramesPerCycle * emulatorOptions.ProcessingLatency.TotalMilliseconds);
    }

    private static int WarmUpCycles(int cycles) => Math.Max(10, cycles / 10);

    private static void SleepUntil(long timestamp)
    {
        long remaining;
        while ((remaining = timestamp - Stopwatch.GetTimestamp()) > 0)
        {
            double ms = remaining * 1000.0 / Stopwatch.Frequency;
            if (ms > 1.5)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(ms - 1));
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }

    private static BusBenchmarkResult Measure(
        IRobotDriver driver, string protocol, string read, int lineRate, int cycles, double wireMs, double deviceLatencyMs,
        double? rateHz = null, Action<Counters, Counters>? measuredSpan = null, Func<Counters>? counters = null)
    {
        int joints = driver.Description.Joints.Count;
        var state = new JointFrame(joints);
        var command = new JointFrame(joints);
        driver.Configure();
        driver.Activate(CommandMode.Position);
        try
        {
            if (driver.Read(state) != DriverStatus.Ok)
            {
                throw new HardwareFaultException(protocol, null, null, $"the first read failed: {driver.Diagnostics.LastFault?.Message}");
            }

            state.Positions.CopyTo(command.Positions); // hold where the arm is
            int warmUp = WarmUpCycles(cycles);
            var times = new double[cycles];
            int failed = 0;
            long period = rateHz is { } hz ? (long)(Stopwatch.Frequency / hz) : 0;
            long next = Stopwatch.GetTimestamp();
            Counters first = default;
            for (int i = -warmUp; i < cycles; i++)
            {
                if (period > 0)
                {
                    next += period;
                    SleepUntil(next);
                }

                if (i == 0)
                {
                    first = counters?.Invoke() ?? default;
                }

                long start = Stopwatch.GetTimestamp();
                bool ok = driver.Read(state) == DriverStatus.Ok & driver.Write(command) == DriverStatus.Ok;
                if (i >= 0)
                {
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    failed += ok ? 0 : 1;
                }
            }

            measuredSpan?.Invoke(first, counters?.Invoke() ?? default);
            Array.Sort(times);
            double p50 = BusBenchmark.Percentile(times, 0.50);
            double modelled = wireMs + deviceLatencyMs;
            return new BusBenchmarkResult(protocol, read, joints, lineRate, 0, cycles, p50, BusBenchmark.Percentile(times, 0.99),
                wireMs, deviceLatencyMs, modelled > 0 ? p50 / modelled : null, 1000.0 / p50, failed)
            {
                LastFault = failed > 0 ? driver.Diagnostics.LastFault?.Message : null,
            };
        }
        finally
        {
            driver.Deactivate();
        }
    }

    /// <summary>Frames a CAN bus sent and received, and when (seconds).</summary>
    private readonly record struct Counters(long Sent, long Received, double Seconds);
}
