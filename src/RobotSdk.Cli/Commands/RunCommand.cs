using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using RobotSdk.Calibration.Files;
using RobotSdk.Cli.Calibration;
using RobotSdk.Cli.Policy;
using RobotSdk.Hardware;
using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;
using RobotSdk.Virtual;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot run</c>: a policy (a manifest: local ONNX model, flow-matching model or openpi server) on an
/// arm through the policy runner. <c>--virtual</c>: seeded episodes of the touch-cube task on a virtual
/// arm, scored by the simulation; otherwise a real arm behind its driver with ffmpeg cameras, for a
/// set duration.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class RunCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var policy = new Option<string?>("--policy") { Description = "Policy manifest (JSON; docs/policy-manifest.md). Default: the bundled touch-cube policy." };
        var arm = new Option<string>("--arm") { Description = "The arm: " + string.Join(", ", RealArmCalibration.ArmNames) + " (virtual touch-cube task: " + string.Join(", ", TouchCubeTask.SupportedArms) + ").", Required = true };
        var isVirtual = new Option<bool>("--virtual") { Description = "Run seeded episodes of the touch-cube task on a virtual arm and report the success rate." };
        var episodes = new Option<int>("--episodes") { Description = "Virtual: episodes to run (default 20).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Virtual: seed of the first episode; episode i uses seed + i (default 1).", DefaultValueFactory = _ => 1 };
        var seconds = new Option<double?>("--seconds") { Description = "Virtual: longest episode, seconds (default the task's 12). Real arm: how long to run (default 30)." };
        var execution = new Option<string>("--execution") { Description = "Chunk execution: rtc (real-time chunking, default), async, sync or ensemble (temporal ensembling).", DefaultValueFactory = _ => "rtc" };
        var remote = new Option<string?>("--remote") { Description = "Run the manifest's inputs and actions against an openpi policy server, ws://host:port." };
        var apiKey = new Option<string?>("--api-key") { Description = "API key sent to the remote server (Authorization: Api-Key ...)." };
        var provider = new Option<string>("--provider") { Description = "ONNX Runtime execution provider for local models: cpu (default), cuda, tensorrt; falls back to CPU with a message.", DefaultValueFactory = _ => "cpu" };
        var port = new Option<string?>("--port") { Description = "A real arm: its serial port, CAN adapter or controller address, as for its driver." };
        var baud = new Option<int?>("--baud") { Description = "A real arm: the bus baud rate (default: the driver's)." };
        (Option<int?> replyTimeout, Option<int?> maxFailures) = LinkSettings.CreateOptions();
        var cameras = new Option<string[]>("--camera") { Description = "A real arm: NAME=SOURCE per camera the manifest names (/dev/videoN, a video file, a stream URL or lavfi:GRAPH), repeatable.", AllowMultipleArgumentsPerToken = false };
        var cameraSize = new Option<string>("--camera-size") { Description = "A real arm: capture size of the cameras, WIDTHxHEIGHT (default 640x480).", DefaultValueFactory = _ => "640x480" };
        var calibration = new Option<string?>("--calibration") { Description = "Kinematic calibration file (robot calibrate) of this arm: end-effector actions and tool state go through its chain." };
        var prompt = new Option<string?>("--prompt") { Description = "Instruction sent with every observation (default: the manifest's)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("run", "Run a policy on an arm through the policy runner (--virtual: seeded touch-cube episodes on a virtual arm, with the success rate).")
        {
            policy, arm, isVirtual, episodes, seed, seconds, execution, remote, apiKey, provider, port, baud, replyTimeout, maxFailures, cameras, cameraSize, calibration, prompt, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(arm)!;
            bool asJson = parse.GetValue(json);
            Action<string> log = asJson ? _ => { } : Console.WriteLine;
            try
            {
                if (ParseExecution(parse.GetValue(execution)!) is not ChunkExecution mode)
                {
                    return Usage($"--execution must be rtc, async, sync or ensemble; got '{parse.GetValue(execution)}'.");
                }

                string manifestPath = parse.GetValue(policy) ?? BundledPolicy.ManifestPath;
                PolicyManifest manifest = PolicyManifestFile.Load(manifestPath);
                var backendOptions = new PolicyBackendOptions { ExecutionProvider = parse.GetValue(provider)!, ApiKey = parse.GetValue(apiKey) };
                if (parse.GetValue(remote) is string address)
                {
                    if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? server) || server.Scheme is not ("ws" or "wss"))
                    {
                        return Usage($"--remote must be a ws:// or wss:// address; got '{address}'.");
                    }

                    backendOptions.RemoteAddress = server;
                }

                var clock = Stopwatch.StartNew();
                await using IPolicyBackend backend = PolicyBackends.Create(manifest, backendOptions);
                // Load the model (or connect) once, before any arm moves: a model that cannot run stops here with its reason.
                await backend.StartAsync(cancellationToken).ConfigureAwait(false);
                string? calibrationPath = parse.GetValue(calibration);
                IReadOnlyList<PolicyEpisodeResult> results;
                string runMode;
                if (parse.GetValue(isVirtual))
                {
                    if (parse.GetValue(port) is not null)
                    {
                        return Usage("--virtual runs a simulated arm; leave out --port (or leave out --virtual for a real arm).");
                    }

                    if (!TouchCubeTask.SupportedArms.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        return Usage($"the virtual touch-cube task runs on {string.Join(", ", TouchCubeTask.SupportedArms)}; not '{name}'.");
                    }

                    int count = parse.GetValue(episodes);
                    if (count < 1)
                    {
                        return Usage($"--episodes must be at least 1; got {count}.");
                    }

                    KinematicChainDescription? kinematics = null;
                    if (calibrationPath is not null)
                    {
                        using VirtualArm probe = VirtualArm.Start(name);
                        using var probeRobot = new Robot(probe.CreateDriver());
                        kinematics = KinematicCalibrationFile.LoadFor(calibrationPath, probeRobot.Description).Calibrated;
                    }

                    results = await VirtualPolicyEpisodes.RunAsync(name, manifest, backend, mode, count, parse.GetValue(seed), parse.GetValue(seconds) ?? TouchCubeTask.EpisodeSeconds, null, kinematics, log, cancellationToken).ConfigureAwait(false);
                    runMode = "virtual";
                }
                else
                {
                    if (parse.GetValue(port) is not string portPath)
                    {
                        return Usage($"give --port PORT and --camera NAME=SOURCE to run on a real {name}, or --virtual for a simulated one.");
                    }

                    results = [await RealArmPolicyRun.RunAsync(name, portPath, parse.GetValue(baud), new LinkSettings(parse.GetValue(replyTimeout), parse.GetValue(maxFailures)), parse.GetValue(cameras) ?? [], parse.GetValue(cameraSize)!, calibrationPath, manifest, backend, mode, parse.GetValue(seconds) ?? 30, log, cancellationToken).ConfigureAwait(false)];
                    runMode = "real";
                }

                int? successes = runMode == "virtual" ? results.Count(result => result.Success == true) : null;
                var summary = new PolicyRunResult
                {
                    Policy = Path.GetFullPath(manifestPath),
                    Arm = name,
                    Mode = runMode,
                    Backend = backend.Description,
                    Execution = parse.GetValue(execution)!,
                    ControlRateHz = manifest.Actions.ControlRateHertz,
                    Episodes = results.Count,
                    Successes = successes,
                    SuccessRate = successes is int won ? (double)won / results.Count : null,
                    MaxCommandGapMs = results.Max(result => result.MaxCommandGapMs),
                    InferenceMsP50 = CalibrationRunResults.Median([.. results.Select(result => result.InferenceMsP50)]) ?? 0,
                    Calibration = calibrationPath is null ? null : Path.GetFullPath(calibrationPath),
                    ElapsedSeconds = clock.Elapsed.TotalSeconds,
                    EpisodeResults = results,
                };
                Console.WriteLine(asJson ? JsonSerializer.Serialize(summary, Json) : Summary(summary));
                return ReportAbnormalEnd(results);
            }
            catch (Exception exception) when (exception is PolicyManifestException or PolicyModelMismatchException or OnnxRuntimeException or OnnxRuntimeLibraryNotFoundException or EmbodimentException or CalibrationMismatchException or RemotePolicyException
                or RobotHaltedException or HardwareFaultException or FileNotFoundException or InvalidDataException or ArgumentException or InvalidOperationException or TimeoutException)
            {
                // The runner held or stopped the arm already; say what and where, in one line.
                Console.Error.WriteLine($"robot run: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Exit 1, with the reason on stderr, when an episode ended because the arm or the policy failed (a bus
    /// fault, the e-stop, a policy that could not go on): the figures are printed, but a script must not read
    /// the run as a good one. An episode that ran its time or met its goal, or a Ctrl+C, exits 0.
    /// </summary>
    private static int ReportAbnormalEnd(IReadOnlyList<PolicyEpisodeResult> results)
    {
        PolicyEpisodeResult? failed = results.FirstOrDefault(result => result.StopReason is not (nameof(PolicyRunStopReason.DurationElapsed) or nameof(PolicyRunStopReason.StopConditionMet) or nameof(PolicyRunStopReason.Cancelled)));
        if (failed is null)
        {
            return 0;
        }

        Console.Error.WriteLine($"robot run: episode {failed.Seed} ended with {failed.StopReason}{(failed.Failures.Count > 0 ? ": " + failed.Failures[0] : string.Empty)}");
        return 1;
    }

    private static ChunkExecution? ParseExecution(string text) => text.ToLowerInvariant() switch
    {
        "rtc" => ChunkExecution.RealTimeChunking,
        "async" => ChunkExecution.Asynchronous,
        "sync" => ChunkExecution.Synchronous,
        "ensemble" => ChunkExecution.TemporalEnsembling,
        _ => null,
    };

    private static string Summary(PolicyRunResult result) => string.Create(CultureInfo.InvariantCulture,
        $"""
        policy {result.Policy} ({result.Backend}) on {result.Mode} {result.Arm}, {result.Execution} at {result.ControlRateHz} Hz
        episodes {result.Episodes}{(result.SuccessRate is double rate ? $", success rate {rate:P0} ({result.Successes} of {result.Episodes})" : "")}
        largest gap between commands {result.MaxCommandGapMs:0.0} ms, inference p50 {result.InferenceMsP50:0.0} ms, {result.ElapsedSeconds:0} s in all
        """);

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"robot run: {message}");
        return 2;
    }
}
