using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using RobotSdk.Cli.Benchmarks;

namespace RobotSdk.Cli.Commands;

/// <summary><c>robot bench bus</c>: full servo-bus control cycles against the emulator with modelled wire time.</summary>
[SupportedOSPlatform("linux")]
internal static class BenchBusCommand
{
    public static Command Create()
    {
        Option<string> protocol = ServoOptions.CreateProtocol();
        var servos = new Option<int>("--servos") { Description = "Servos on the bus.", DefaultValueFactory = _ => 6 };
        var baud = new Option<int>("--baud") { Description = "Baud rate (the emulator models 10 bits per byte at this rate).", DefaultValueFactory = _ => 1_000_000 };
        var returnDelay = new Option<int>("--return-delay-us") { Description = "Servo return delay, microseconds (LeRobot sets 0).", DefaultValueFactory = _ => 0 };
        var cycles = new Option<int>("--cycles") { Description = "Measured cycles.", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("bus", "Time full control cycles (read present positions of every servo + write goals) against the emulator; compare with the wire time. For Dynamixel, sync read and fast sync read are measured side by side.")
        {
            protocol, servos, baud, returnDelay, cycles, json,
        };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(servos);
            int rate = parse.GetValue(baud);
            int delay = parse.GetValue(returnDelay);
            int runs = parse.GetValue(cycles);
            if (count is < 1 or > 252 || runs < 10 || delay is < 0 or > 508)
            {
                Console.Error.WriteLine("robot bench bus: --servos must be 1-252, --cycles at least 10, --return-delay-us 0-508.");
                return 2;
            }

            BusBenchmarkResult[] results = parse.GetValue(protocol) == ServoOptions.Dynamixel
                ? [BusBenchmark.RunDynamixel(count, rate, delay, runs, fastSyncRead: true), BusBenchmark.RunDynamixel(count, rate, delay, runs, fastSyncRead: false)]
                : [BusBenchmark.RunFeetech(count, rate, delay, runs)];
            if (parse.GetValue(json))
            {
                // The first result at top level (the documented fields); any comparison nested.
                string first = JsonSerializer.Serialize(results[0]);
                Console.WriteLine(results.Length == 1 ? first : first[..^1] + ",\"sync_read\":" + JsonSerializer.Serialize(results[1]) + "}");
            }
            else
            {
                foreach (BusBenchmarkResult r in results)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Protocol} {r.ReadInstruction,-15} {r.Servos} servos @ {r.Baud}: cycle p50 {r.CycleP50Ms:0.000} ms, p99 {r.CycleP99Ms:0.000} ms, wire {r.WireMs:0.000} ms + delays {r.ReturnDelaysMs:0.000} ms, overhead x{r.OverheadRatio:0.00}, up to {r.MaxRateHz:0} Hz, {r.FailedCycles} failed"));
                }
            }

            return 0;
        });
        return command;
    }
}
