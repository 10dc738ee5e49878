using System.CommandLine;
using System.Runtime.Versioning;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot calibrate-servos</c>: records homing offsets and ranges of motion of a servo-bus
/// arm, with prompts for the person moving it (the library's recorder has none), and writes
/// a RobotSdk calibration file (and optionally LeRobot's format).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class CalibrateServosCommand
{
    private const int SampleRateHz = 50;
    private const int MaxSampleFailuresInARow = SampleRateHz / 2; // half a second of a silent bus

    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial port of the arm.", Required = true };
        var arm = new Option<string>("--arm") { Description = "Arm model: " + string.Join(", ", ServoArmCatalog.All.Select(a => a.Model)) + ".", Required = true };
        var armId = new Option<string>("--arm-id") { Description = "Your name for this physical arm, stored in the file (for example follower-left).", Required = true };
        var output = new Option<string>("--output") { Description = "Calibration file to write (RobotSdk format).", Required = true };
        var lerobot = new Option<string?>("--lerobot-output") { Description = "Also write the calibration in LeRobot's format to this file." };
        var baud = new Option<int>("--baud") { Description = "Bus baud rate.", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("calibrate-servos", "Record homing offsets and ranges of motion of a servo-bus arm (you move the arm by hand; torque is off).")
        {
            port, arm, armId, output, lerobot, baud,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string model = parse.GetValue(arm)!;
            if (ServoArmCatalog.ProtocolOf(model) is null)
            {
                Console.Error.WriteLine($"robot calibrate-servos: unknown arm '{model}'. Arms: {string.Join(", ", ServoArmCatalog.All.Select(a => a.Model))}.");
                return 2;
            }

            try
            {
                using IRobotDriver driver = ServoArmCatalog.CreateDriver(model, parse.GetValue(port)!, parse.GetValue(baud), calibration: null, calibrationSource: null);
                driver.Configure();
                var recorder = ServoArmCatalog.CreateRecorder(driver);
                recorder.Begin();
                Console.WriteLine("Torque is off. Move the arm so every joint is in the middle of its range of motion, then press Enter.");
                Console.ReadLine();
                recorder.RecordHome();
                Console.WriteLine("Now move every joint through its full range of motion, slowly, end to end. Press Enter when done.");
                (int samples, int skipped) = await SampleUntilEnterAsync(recorder.Sample, cancellationToken).ConfigureAwait(false);
                ServoCalibration calibration = recorder.Finish(parse.GetValue(armId)!);
                string path = Path.GetFullPath(parse.GetValue(output)!);
                ServoCalibrationFile.Save(calibration, path);
                Console.WriteLine($"{samples} samples{(skipped > 0 ? $" ({skipped} failed reads skipped)" : string.Empty)}. Calibration of '{calibration.ArmId}' ({calibration.Arm}) written to {path}:");
                foreach ((string name, MotorCalibration motor) in calibration.Motors)
                {
                    Console.WriteLine($"  {name,-16} ID {motor.Id,3}  homing offset {motor.HomingOffset,6}  range {motor.RangeMin,5} .. {motor.RangeMax,5}");
                }

                if (parse.GetValue(lerobot) is { } lerobotPath)
                {
                    ServoCalibrationFile.ExportLeRobot(calibration, Path.GetFullPath(lerobotPath));
                    Console.WriteLine($"LeRobot format written to {Path.GetFullPath(lerobotPath)}.");
                }

                return 0;
            }
            catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"robot calibrate-servos: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Samples the arm at 50 Hz while waiting for Enter on standard input. A read the bus fails now
    /// and then (a timeout, a corrupt reply) is skipped: losing one sample of a slow sweep loses
    /// nothing, but losing the whole recording would. Only a bus silent for half a second stops it.
    /// </summary>
    private static async Task<(int Samples, int Skipped)> SampleUntilEnterAsync(Action sample, CancellationToken cancellationToken)
    {
        Task<string?> enter = Task.Run(Console.ReadLine, cancellationToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / SampleRateHz));
        int samples = 0;
        int skipped = 0;
        int failuresInARow = 0;
        bool done;
        do
        {
            done = enter.IsCompleted; // one last sample after Enter
            try
            {
                sample();
                samples++;
                failuresInARow = 0;
            }
            catch (HardwareFaultException exception) when (exception is HardwareTimeoutException or CorruptPacketException)
            {
                skipped++;
                if (++failuresInARow >= MaxSampleFailuresInARow)
                {
                    throw;
                }
            }

            if (!done)
            {
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        while (!done);

        return (samples, skipped);
    }
}
