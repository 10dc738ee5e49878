using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using RobotSdk.Calibration.Files;
using RobotSdk.Cli.Calibration;
using RobotSdk.Cli.Commands;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Observation;
using RobotSdk.Policy.Runner;
using RobotSdk.Transports.Cameras;

namespace RobotSdk.Cli.Policy;

/// <summary>A policy on a real arm: its driver, an ffmpeg camera per manifest camera, the runner for a set time, then torque off.</summary>
[SupportedOSPlatform("linux")]
internal static class RealArmPolicyRun
{
    public static async Task<PolicyEpisodeResult> RunAsync(
        string armName,
        string port,
        int? baud,
        LinkSettings link,
        IReadOnlyList<string> cameraArguments,
        string cameraSize,
        string? calibrationPath,
        PolicyManifest manifest,
        IPolicyBackend backend,
        ChunkExecution execution,
        double seconds,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        (int width, int height) = ParseSize(cameraSize);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string argument in cameraArguments)
        {
            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--camera takes NAME=SOURCE (for example scene=/dev/video0); got '{argument}'.");
            }

            sources[argument[..equals]] = argument[(equals + 1)..];
        }

        string[] missing = [.. manifest.Inputs.Images.Select(image => image.Camera).Distinct().Where(camera => !sources.ContainsKey(camera))];
        if (missing.Length > 0)
        {
            throw new ArgumentException($"the policy needs camera(s) {string.Join(", ", missing)}: give --camera NAME=SOURCE for each.");
        }

        if (port.StartsWith('/') && !File.Exists(port))
        {
            throw new FileNotFoundException($"no serial port at '{port}': is the arm plugged in (see `robot ports`)?", port);
        }

        var cameras = new List<FfmpegCamera>();
        try
        {
            foreach ((string name, string source) in sources)
            {
                cameras.Add(await FfmpegCamera.OpenAsync(CameraSources.Options(source, name, width, height), cancellationToken).ConfigureAwait(false));
            }

            using var robot = new Robot(RealArmCalibration.CreateDriver(armName, port, baud, link), new RobotOptions(), armName, cameras: cameras);
            if (calibrationPath is not null)
            {
                // Before Connect: a file of another arm must not get as far as the hardware.
                robot.UseCalibration(KinematicCalibrationFile.LoadFor(calibrationPath, robot.Description), calibrationPath);
            }

            robot.Connect();
            robot.Activate();
            var embodiment = EmbodimentAdapter.Create(manifest, robot);
            var observations = new RobotObservationSource(robot, manifest.Inputs, embodiment);
            var runner = new PolicyRunner(robot, embodiment, observations, backend, new PolicyRunnerOptions { Manifest = manifest, Execution = execution });
            log(string.Create(CultureInfo.InvariantCulture, $"running {backend.Description} on {robot} for {seconds:0} s (Ctrl+C stops and holds)"));
            var clock = Stopwatch.StartNew();
            PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
            robot.Deactivate();
            return PolicyEpisodeResult.From(report, seed: 0, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (FfmpegCamera camera in cameras)
            {
                await camera.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static (int Width, int Height) ParseSize(string text)
    {
        string[] parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height) && width > 0 && height > 0
            ? (width, height)
            : throw new ArgumentException($"--camera-size takes WIDTHxHEIGHT (for example 640x480); got '{text}'.");
    }
}
