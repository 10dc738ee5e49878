// RunPolicy: run a learned policy on an arm through RobotSdk's policy runner. Without arguments it runs
// the bundled touch-cube model (a small ONNX network, CPU) on a virtual SO-101 for 3 seeded episodes;
// with --remote ws://host:port the actions come from an openpi policy server instead. See README.md.
using System.Globalization;
using System.Runtime.Versioning;
using RobotSdk;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Observation;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;
using RobotSdk.Simulation;
using RobotSdk.Virtual;
using RobotSdk.Virtual.Tasks;

[assembly: SupportedOSPlatform("linux")] // the simulator is Linux-only

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // numbers print the same everywhere
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); }; // stop where it is, then torque off

Dictionary<string, string> options;
try
{
    options = ParseOptions(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"run-policy: {exception.Message}");
    return 2;
}

string armName = options.GetValueOrDefault("--arm", "so101");
int episodes = int.Parse(options.GetValueOrDefault("--episodes", "3"), CultureInfo.InvariantCulture);
int seed = int.Parse(options.GetValueOrDefault("--seed", "1"), CultureInfo.InvariantCulture);
// A remote server takes uint8 images and normalizes on its side, so the remote variant has its own manifest.
string manifestPath = options.GetValueOrDefault("--manifest")
    ?? (options.ContainsKey("--remote")
        ? Path.Combine(AppContext.BaseDirectory, "touch-cube-remote.policy.json")
        : Path.Combine(AppContext.BaseDirectory, "models", "touch-cube", "touch-cube.policy.json"));
try
{
    // The manifest says how to feed the model (cameras, state, prompt) and what its actions mean.
    PolicyManifest manifest = PolicyManifestFile.Load(manifestPath);
    // The same manifest runs locally or remotely: a RemoteAddress sends its inputs to an openpi server.
    var backendOptions = new PolicyBackendOptions();
    if (options.TryGetValue("--remote", out string? remote))
    {
        backendOptions.RemoteAddress = new Uri(remote);
    }

    await using IPolicyBackend backend = PolicyBackends.Create(manifest, backendOptions);
    // Load the model (or connect to the server) once, before any arm moves; every episode reuses it.
    await backend.StartAsync(cancel.Token);
    Console.WriteLine($"policy {Path.GetFileName(manifestPath)} on a virtual {armName}, backend {backend.Description}");

    // One virtual world, camera and robot for every episode, as an app would keep them: between
    // episodes the arm goes back to its ready posture and the task places the cubes again.
    using VirtualArm arm = VirtualArm.Start(armName, new VirtualArmOptions { World = new VirtualWorldOptions { Seed = seed } });
    var task = new TouchCubeTask(arm.Model, arm.World.Model);
    // The overhead camera the model was trained with (64 x 64); it streams frames like a real camera.
    SimulatedCamera camera = arm.OpenCamera(TouchCubeTask.CameraName, TouchCubeTask.CameraWidth, TouchCubeTask.CameraHeight, framesPerSecond: 30);
    camera.Start();
    using var robot = new Robot(arm.CreateDriver(), new RobotOptions { ControlRateHz = 100 }, "virtual-" + arm.Name, cameras: [camera]);
    robot.Connect();
    robot.Activate();

    int successes = 0;
    for (int episode = 0; episode < episodes; episode++)
    {
        (bool success, PolicyRunReport report) = await RunEpisodeAsync(arm, task, robot, manifest, backend, seed + episode, cancel.Token);
        successes += success ? 1 : 0;
        Console.WriteLine($"episode {episode + 1}/{episodes} (seed {seed + episode}): {(success ? "touched the cube" : "missed")}; "
            + $"stop {report.StopReason}, {report.Steps} steps, {report.ChunksReceived} chunks, inference p50 {report.InferenceMsP50:0.0} ms, "
            + $"largest command gap {report.MaxCommandGapMs:0.0} ms, held steps {report.HeldSteps}");
    }

    robot.Deactivate();
    Console.WriteLine($"{successes}/{episodes} episodes succeeded");
    return 0;
}
catch (Exception exception) when (exception is PolicyManifestException or PolicyModelMismatchException or OnnxRuntimeException
    or OnnxRuntimeLibraryNotFoundException or EmbodimentException or RemotePolicyException or HardwareFaultException
    or FileNotFoundException or InvalidDataException or ArgumentException or InvalidOperationException or TimeoutException or OperationCanceledException)
{
    // A manifest, model or server that cannot run is the user's to fix: one line, no stack trace.
    Console.Error.WriteLine($"run-policy: {exception.Message}");
    return 1;
}

// One episode: the cubes placed by the seed, the tool at the seeded start point, then the policy until the cube is touched or time is up.
static async Task<(bool Success, PolicyRunReport Report)> RunEpisodeAsync(
    VirtualArm arm, TouchCubeTask task, Robot robot, PolicyManifest manifest, IPolicyBackend backend, int seed, CancellationToken cancellationToken)
{
    // The training data started every episode from the ready posture with the tool at a seeded point: so does the run.
    int armJoints = robot.Arm.Joints.Count;
    // The ready pose may sit on a joint's limit; the driver's limits are a hair narrower than the model's.
    double[] ready = [.. task.ReadyPose.Take(armJoints).Select((position, i) => Math.Clamp(position, robot.JointLimits[i].MinPosition + 0.01, robot.JointLimits[i].MaxPosition - 0.01))];
    await robot.Arm.MoveToAsync(ready, speedFraction: 0.6, toleranceRadians: 0.03, cancellationToken: cancellationToken);
    TouchCubeEpisode placement = task.Reset(arm.World, seed);
    var start = new double[armJoints];
    if (!robot.Kinematics!.SolveInverseKinematics(new Pose(placement.StartToolPosition, Rotation.Identity), ready, start, new InverseKinematicsOptions { OrientationWeight = 0 }).Converged)
    {
        throw new InvalidOperationException($"the {robot.Description.Model} cannot reach the start point of episode {seed}.");
    }

    await robot.Arm.MoveToAsync(start, speedFraction: 0.6, toleranceRadians: 0.03, cancellationToken: cancellationToken);

    // Adapter: the manifest's action space onto this arm; observation source: the robot's state and cameras as model inputs.
    var embodiment = EmbodimentAdapter.Create(manifest, robot);
    var observations = new RobotObservationSource(robot, manifest.Inputs, embodiment);
    var runner = new PolicyRunner(robot, embodiment, observations, backend, new PolicyRunnerOptions { Manifest = manifest });
    // The runner stops early when the task says the cube is touched.
    PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(TouchCubeTask.EpisodeSeconds), () => task.IsSucceeded(arm.World), cancellationToken);
    bool success = report.StopReason == PolicyRunStopReason.StopConditionMet || task.IsSucceeded(arm.World);
    return (success, report);
}

// Every argument is checked before anything starts, so a typo costs no episode.
static Dictionary<string, string> ParseOptions(string[] args)
{
    string[] known = ["--arm", "--episodes", "--seed", "--remote", "--manifest"];
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i < args.Length; i += 2)
    {
        options[known.Contains(args[i]) ? args[i] : throw new ArgumentException($"unknown option '{args[i]}'; the options are {string.Join(", ", known)}.")] =
            i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
    }

    if (options.TryGetValue("--arm", out string? arm) && !TouchCubeTask.SupportedArms.Contains(arm, StringComparer.OrdinalIgnoreCase))
    {
        throw new ArgumentException($"--arm: the virtual touch-cube task runs on {string.Join(", ", TouchCubeTask.SupportedArms)}; not '{arm}'.");
    }

    foreach (string name in (string[])["--episodes", "--seed"])
    {
        if (options.TryGetValue(name, out string? text) && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < (name == "--episodes" ? 1 : 0)))
        {
            throw new ArgumentException($"{name} '{text}' is not a {(name == "--episodes" ? "positive" : "non-negative")} whole number.");
        }
    }

    if (options.TryGetValue("--remote", out string? remote)
        && (!Uri.TryCreate(remote, UriKind.Absolute, out Uri? server) || server.Scheme is not ("ws" or "wss")))
    {
        throw new ArgumentException($"--remote must be a ws:// or wss:// address (an openpi server); got '{remote}'.");
    }

    if (options.TryGetValue("--manifest", out string? manifest) && !File.Exists(manifest))
    {
        throw new ArgumentException($"--manifest: no file at '{Path.GetFullPath(manifest)}'.");
    }

    return options;
}
