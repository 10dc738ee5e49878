using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RobotSdk.Control;
using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// <c>robot demo</c>: the embedded default. On Linux it runs a virtual SO-101 (MuJoCo behind the
/// emulated Feetech bus, through the real driver), imprecise on purpose and calibrated from its scene
/// camera first (unless <c>--no-calibrate</c>), and writes a report with rendered frames
/// (<see cref="Demo.VirtualDemo"/>); with <c>--mirror</c>, or elsewhere, it moves an arm on the mirror
/// driver (no simulation) through a few poses and prints what the control loop and safety layer did.
/// </summary>
internal static class DemoCommand
{
    private static readonly (string Name, Vector3D Tool)[] Poses =
    [
        ("reach forward", new Vector3D(0.25, 0.00, 0.15)),
        ("reach left", new Vector3D(0.18, 0.15, 0.12)),
        ("reach right", new Vector3D(0.18, -0.15, 0.12)),
        ("raise", new Vector3D(0.20, 0.00, 0.30)),
    ];

    public static Command Create()
    {
        var rate = new Option<double?>("--rate") { Description = "Control rate in Hz (default 100 for the virtual SO-101, 200 for the mirror arm)." };
        var output = new Option<string>("--output") { Description = "Folder for the virtual demo's report and rendered frames.", DefaultValueFactory = _ => "robot-demo" };
        var mirror = new Option<bool>("--mirror") { Description = "Run the mirror-driver demo (no simulation) instead of the virtual SO-101." };
        var lag = new Option<double>("--lag-ms") { Description = "Lag of the mirror driver, milliseconds (with --mirror).", DefaultValueFactory = _ => 20 };
        var skipCalibration = new Option<bool>("--no-calibrate") { Description = "Skip the calibration: the virtual SO-101 is then exact, with no imprecision to calibrate away." };
        var command = new Command("demo", "Calibrate a deliberately imprecise virtual SO-101 (MuJoCo behind the emulated Feetech bus, through the real driver) from its scene camera, then drive it through a few poses and write a report with rendered frames; --mirror runs the simulation-free demo.")
        {
            rate, output, mirror, lag, skipCalibration,
        };
        command.SetAction((parse, token) => OperatingSystem.IsLinux() && !parse.GetValue(mirror)
            ? RunVirtualAsync(parse.GetValue(output)!, parse.GetValue(rate) ?? 100, !parse.GetValue(skipCalibration), token)
            : RunAsync(parse.GetValue(rate) ?? 200, parse.GetValue(lag), token));
        return command;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<int> RunVirtualAsync(string outputDirectory, double rateHz, bool calibrate, CancellationToken cancellationToken)
    {
        try
        {
            return await Demo.VirtualDemo.RunAsync(outputDirectory, rateHz, calibrate, cancellationToken).ConfigureAwait(false);
        }
        catch (Simulation.SimulationException exception)
        {
            // MuJoCo, OSMesa or the shim missing, or a world that does not load: say what to install or fix.
            Console.Error.WriteLine($"robot demo: {exception.Message}");
            Console.Error.WriteLine("robot demo: `robot demo --mirror` runs without the simulator.");
            return 3;
        }
        catch (Exception exception) when (exception is RobotSdk.Policy.Onnx.OnnxRuntimeLibraryNotFoundException or RobotSdk.Policy.Onnx.OnnxRuntimeException or RobotSdk.Policy.Manifest.PolicyManifestException or FileNotFoundException)
        {
            // The policy stage: the native ONNX Runtime or the bundled model missing (eng/bootstrap.sh fetches the runtime).
            Console.Error.WriteLine($"robot demo: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException or HardwareFaultException or RobotHaltedException)
        {
            // A move that did not settle, an arm that faulted: one line that says what and where; the arm is already stopped.
            Console.Error.WriteLine($"robot demo: {exception.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(double rateHz, double lagMs, CancellationToken cancellationToken)
    {
        var options = new RobotOptions { ControlRateHz = rateHz };
        options.Safety.Workspace = new() { Min = [-0.40, -0.40, 0.02], Max = [0.40, 0.40, 0.45] };
        using var robot = new Robot(new MirrorDriver(DemoArm.Description, new MirrorDriverOptions { LagMs = lagMs }), options, "demo");
        robot.Connect();
        robot.Activate();
        Print($"RobotSdk demo: '{DemoArm.Model}' on the mirror driver (commands become state after {lagMs} ms), control loop at {rateHz} Hz.");
        Print($"At home the tool is at {robot.Kinematics!.ToolPosition(new double[robot.Arm.Joints.Count])} m; the workspace box keeps it within [-0.40, 0.40] x [-0.40, 0.40] x [0.02, 0.45] m.");

        await MoveAsync(robot, "home", () => robot.Arm.MoveToAsync(new double[robot.Arm.Joints.Count], cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach ((string name, Vector3D tool) in Poses)
        {
            var target = new Pose(tool, Rotation.Identity);
            await MoveAsync(robot, name, () => robot.MoveToPoseAsync(target, cancellationToken: cancellationToken), tool).ConfigureAwait(false);
        }

        robot.Gripper!.SetOpenFraction(1);
        await WaitUntilAsync(() => robot.Gripper.OpenFraction > 0.99, cancellationToken).ConfigureAwait(false);
        Print($"gripper opened: open fraction {robot.Gripper.OpenFraction:0.00}, width {robot.Gripper.WidthMeters * 1000:0.0} mm");
        robot.Gripper.SetOpenFraction(0);
        await WaitUntilAsync(() => robot.Gripper.OpenFraction < 0.01, cancellationToken).ConfigureAwait(false);
        Print($"gripper closed: open fraction {robot.Gripper.OpenFraction:0.00}");

        await DemonstrateEmergencyStopAsync(robot, cancellationToken).ConfigureAwait(false);
        await MoveAsync(robot, "home", () => robot.Arm.MoveToAsync(new double[robot.Arm.Joints.Count], cancellationToken: cancellationToken)).ConfigureAwait(false);

        ControlLoopStatistics loop = robot.GetLoopStatistics();
        RobotDiagnostics diagnostics = robot.GetDiagnostics();
        Print($"control loop: {loop.Cycles} cycles at {loop.RateHz} Hz, period error p50 {loop.PeriodErrorP50Ms:0.000} ms, p99 {loop.PeriodErrorP99Ms:0.000} ms, max {loop.PeriodErrorMaxMs:0.000} ms, {loop.Overruns} overruns, {loop.AllocatedBytesPerCycle:0.##} bytes allocated per cycle (only completed moves and the e-stop allocate; streaming allocates nothing, see `robot bench loop`)");
        Print($"safety layer: limited {diagnostics.LimitedCycles} cycles, refused {diagnostics.WorkspaceRejections} steps at the workspace box, {diagnostics.WatchdogTrips} watchdog trips, {diagnostics.ReadErrors + diagnostics.WriteErrors} bus errors");
        robot.Deactivate();
        Print($"done: torque off.");
        return 0;
    }

    private static async Task MoveAsync(Robot robot, string name, Func<Task> move, Vector3D? targetTool = null)
    {
        var clock = Stopwatch.StartNew();
        using var tracking = new TrackingMonitor(robot);
        await move().ConfigureAwait(false);
        Pose tool = robot.GetToolPose();
        string error = targetTool is { } target ? string.Create(CultureInfo.InvariantCulture, $", {(tool.Position - target).Length * 1000:0.0} mm from target") : string.Empty;
        Print($"{name,-14} reached in {clock.Elapsed.TotalSeconds:0.00} s: tool at {tool.Position} m{error}; largest lag between command and state {tracking.MaxErrorRadians * 180 / Math.PI:0.0} deg");
    }

    private static async Task DemonstrateEmergencyStopAsync(Robot robot, CancellationToken cancellationToken)
    {
        double[] far = [1.2, 0.6, -0.6, 0.4, 0];
        Task move = robot.Arm.MoveToAsync(far, speedFraction: 0.3, cancellationToken: cancellationToken);
        await Task.Delay(300, cancellationToken).ConfigureAwait(false);
        robot.EmergencyStop();
        try
        {
            await move.ConfigureAwait(false);
        }
        catch (RobotHaltedException exception)
        {
            Print($"e-stop      : {exception.Message} (the move was interrupted)");
        }

        var before = new double[far.Length];
        var after = new double[far.Length];
        robot.Arm.ReadSentPositions(before);
        await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        robot.Arm.ReadSentPositions(after);
        double drift = before.Zip(after, (a, b) => Math.Abs(a - b)).Max();
        Print($"e-stop      : arm held at shoulder_pan {after[0]:0.000} rad; commands moved {drift:0.000000} rad in the 200 ms after the stop");
        robot.ResetEmergencyStop();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The demo arm did not reach its gripper target within 10 s.");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>Samples command vs measured state at 100 Hz while a move runs.</summary>
    private sealed class TrackingMonitor : IDisposable
    {
        private readonly Timer _timer;
        private readonly double[] _sent;
        private readonly double[] _measured;

        public TrackingMonitor(Robot robot)
        {
            _sent = new double[robot.Arm.Joints.Count];
            _measured = new double[robot.Arm.Joints.Count];
            _timer = new Timer(_ =>
            {
                lock (_sent)
                {
                    robot.Arm.ReadSentPositions(_sent);
                    robot.Arm.ReadPositions(_measured);
                    for (int i = 0; i < _sent.Length; i++)
                    {
                        MaxErrorRadians = Math.Max(MaxErrorRadians, Math.Abs(_sent[i] - _measured[i]));
                    }
                }
            }, null, 0, 10);
        }

        public double MaxErrorRadians { get; private set; }

        public void Dispose() => _timer.Dispose();
    }
}
