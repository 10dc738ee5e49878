using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RobotSdk.Cli.Benchmarks;
using RobotSdk.Control;

namespace RobotSdk.Cli.Commands;

/// <summary><c>robot bench</c>: measurements users can repeat on their own machine.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: control loop timing and servo bus cycles.");
        bench.Subcommands.Add(CreateLoop());
        if (OperatingSystem.IsLinux())
        {
            bench.Subcommands.Add(BenchBusCommand.Create());
            bench.Subcommands.Add(CreateSimulation());
        }

        return bench;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static Command CreateSimulation()
    {
        var seconds = new Option<double>("--seconds") { Description = "How long the world runs in real time with its scene camera rendering at 30 fps.", DefaultValueFactory = _ => 10 };
        var renders = new Option<int>("--renders") { Description = "Synchronous 640x480 renders timed.", DefaultValueFactory = _ => 100 };
        var writes = new Option<int>("--goal-writes") { Description = "Goal writes on the emulated bus timed until the simulated joint moves.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("sim", "The virtual SO-101: real-time factor while its camera renders, render time per 640x480 frame, latency from a goal write on the emulated bus to the simulated joint moving.")
        {
            seconds, renders, writes, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(seconds) is not (> 0 and <= 600) || parse.GetValue(renders) < 1 || parse.GetValue(writes) < 1)
            {
                Console.Error.WriteLine("robot bench sim: --seconds must be in (0, 600], --renders and --goal-writes at least 1.");
                return 2;
            }

            SimulationBenchmarkResult r = SimulationBenchmark.Run(parse.GetValue(seconds), parse.GetValue(renders), parse.GetValue(writes));
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(r)
                : string.Create(CultureInfo.InvariantCulture,
                    $"real-time factor {r.RealTimeFactor:0.000} over {r.WallSeconds:0.0} s ({r.LateSteps} late steps, worst lag {r.WorstLagMs:0.0} ms, {r.StepMicroseconds:0} us/step); render 640x480 p50 {r.RenderP50Ms:0.0} ms, p99 {r.RenderP99Ms:0.0} ms; goal write to motion p50 {r.GoalToMotionP50Ms:0.0} ms, p99 {r.GoalToMotionP99Ms:0.0} ms"));
            return 0;
        });
        return command;
    }

    private static Command CreateLoop()
    {
        var rate = new Option<double>("--rate") { Description = "Control rate in Hz (up to 1000).", DefaultValueFactory = _ => 500 };
        var seconds = new Option<double>("--seconds") { Description = "Measured duration per run, seconds.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var compare = new Option<bool>("--compare-naive") { Description = "Also run a naive Thread.Sleep-paced loop in the same process, for comparison." };
        var load = new Option<int>("--load-threads") { Description = "Threads burning CPU like policy inference.", DefaultValueFactory = _ => 1 };
        var command = new Command("loop", "Run the control loop on the mirror driver while other threads stream targets and burn CPU; report period errors, overruns and allocations.")
        {
            rate, seconds, json, compare, load,
        };
        command.SetAction(parse =>
        {
            double rateHz = parse.GetValue(rate);
            double duration = parse.GetValue(seconds);
            if (!(rateHz > 0 && rateHz <= ControlLoop.MaxRateHz) || !(duration > 0))
            {
                Console.Error.WriteLine($"robot bench loop: --rate must be in (0, {ControlLoop.MaxRateHz}] and --seconds positive.");
                return 2;
            }

            int threads = Math.Max(0, parse.GetValue(load));
            LoopBenchmarkResult deadline = LoopBenchmark.Run(rateHz, duration, LoopPacing.Deadline, threads);
            LoopBenchmarkResult? naive = parse.GetValue(compare) ? LoopBenchmark.Run(rateHz, duration, LoopPacing.NaiveSleep, threads) : null;
            if (parse.GetValue(json))
            {
                Console.WriteLine(ToJson(deadline, naive));
            }
            else
            {
                PrintTable(naive is null ? [deadline] : [deadline, naive]);
            }

            return 0;
        });
        return command;
    }

    internal static string ToJson(LoopBenchmarkResult deadline, LoopBenchmarkResult? naive)
    {
        // The deadline loop's figures at top level; the naive loop's nested for comparison.
        JsonElement top = JsonSerializer.SerializeToElement(deadline);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in top.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            if (naive is not null)
            {
                writer.WritePropertyName("naive_sleep");
                JsonSerializer.Serialize(writer, naive);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void PrintTable(IReadOnlyList<LoopBenchmarkResult> results)
    {
        Console.WriteLine("pacing        rate   cycles   achieved   p50 err   p99 err   max err  overruns  bytes/cycle");
        foreach (LoopBenchmarkResult r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Pacing,-12} {r.RateHz,5:0} {r.Cycles,8} {r.AchievedRateHz,8:0.0}Hz {r.P50PeriodErrorMs,7:0.000}ms {r.P99PeriodErrorMs,7:0.000}ms {r.MaxPeriodErrorMs,7:0.000}ms {r.Overruns,9} {r.AllocatedBytesPerCycle,12:0.##}"));
        }
    }
}
