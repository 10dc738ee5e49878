using System.CommandLine;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using RobotSdk.Cli.Benchmarks;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot bench bus</c>: full control cycles against the emulator with modelled wire time: the
/// servo buses through the bus layer, the controller arms (PiPER, Lite 6, myCobot) through their drivers.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class BenchBusCommand
{
    public static Command Create()
    {
        string[] protocols = [ServoOptions.Dynamixel, ServoOptions.Feetech, ControllerArmCatalog.PiperSlcan, ControllerArmCatalog.Lite6, ControllerArmCatalog.MyCobot];
        var protocol = new Option<string>("--protocol") { Description = "Bus or arm protocol: " + string.Join(", ", protocols) + ".", Required = true };
        protocol.AcceptOnlyFromAmong(protocols);
        var servos = new Option<int>("--servos") { Description = "Servos on the bus (servo buses).", DefaultValueFactory = _ => 6 };
        var baud = new Option<int>("--baud") { Description = "Baud rate (servo buses; the emulator models 10 bits per byte at this rate).", DefaultValueFactory = _ => 1_000_000 };
        var returnDelay = new Option<int>("--return-delay-us") { Description = "Servo return delay, microseconds (servo buses; LeRobot sets 0).", DefaultValueFactory = _ => 0 };
        var cycles = new Option<int>("--cycles") { Description = "Measured cycles.", DefaultValueFactory = _ => 2000 };
        var paceHz = new Option<double>("--rate") { Description = "Control rate the PiPER's cycles are paced at, Hz (piper-slcan; its feedback arrives on its own, so an unpaced loop would only flood the bus).", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("bus", "Time full control cycles (read present positions + write goals) against the emulator; compare with the wire time and device delays. For Dynamixel, sync read and fast sync read are measured side by side; the controller arms (piper-slcan, lite6, mycobot) run through their real drivers.")
        {
            protocol, servos, baud, returnDelay, cycles, paceHz, json,
        };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(servos);
            int rate = parse.GetValue(baud);
            int delay = parse.GetValue(returnDelay);
            int runs = parse.GetValue(cycles);
            if (count is < 1 or > 252 || runs < 10 || delay is < 0 or > 508 || parse.GetValue(paceHz) is not (>= 1 and <= 1000))
            {
                Console.Error.WriteLine("robot bench bus: --servos must be 1-252, --cycles at least 10, --return-delay-us 0-508, --rate 1-1000.");
                return 2;
            }

            BusBenchmarkResult[] results = parse.GetValue(protocol) switch
            {
                ServoOptions.Dynamixel => [BusBenchmark.RunDynamixel(count, rate, delay, runs, fastSyncRead: true), BusBenchmark.RunDynamixel(count, rate, delay, runs, fastSyncRead: false)],
                ServoOptions.Feetech => [BusBenchmark.RunFeetech(count, rate, delay, runs)],
                ControllerArmCatalog.PiperSlcan => [ControllerArmBenchmark.RunPiper(runs, parse.GetValue(paceHz))],
                ControllerArmCatalog.Lite6 => [ControllerArmBenchmark.RunLite6(runs)],
                _ => [ControllerArmBenchmark.RunMyCobot(runs)],
            };
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
                        $"{r.Protocol} {r.ReadInstruction,-15} {r.Servos} joints @ {r.Baud}: cycle p50 {r.CycleP50Ms:0.000} ms, p99 {r.CycleP99Ms:0.000} ms, wire {r.WireMs:0.000} ms + device delays {r.DeviceDelaysMs:0.000} ms, overhead x{r.OverheadRatio:0.00}, up to {r.MaxRateHz:0} Hz, {r.FailedCycles} failed"));
                }
            }

            return 0;
        });
        return command;
    }
}
