using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Cli.Calibration;
using RobotSdk.Cli.Policy;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Runner;
using RobotSdk.Simulation;
using RobotSdk.Simulation.Imaging;
using RobotSdk.Virtual;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.Cli.Demo;

/// <summary>
/// The embedded default of <c>robot demo</c>: a virtual SO-101 (MuJoCo physics behind the emulated
/// Feetech bus, driven through the real driver) moves through a sequence of tool poses and gripper
/// moves, then writes a report: per step the target, where the driver says the arm went, where the
/// simulation says it went (ground truth), and a rendered frame of the scene camera. By default the arm
/// carries a seeded typical imprecision (servo zero offsets, link lengths, backlash, camera pose) and is
/// calibrated first with a short run of <see cref="CalibrationProcedure"/> (pilot, 24 calibration and 6
/// held-out poses); the moves then use the calibrated kinematics. Last, the bundled learned policy
/// (touch the red cube) runs a few seeded episodes on the same imprecise arm through the policy runner,
/// its end-effector actions going through the calibrated kinematics.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class VirtualDemo
{
    private const int ImageWidth = 640;
    private const int ImageHeight = 480;
    private const double ToleranceRadians = 0.02; // gravity sag (about 0.005 rad) plus the bus's 1.5 mrad counts
    private const int ImprecisionSeed = 1;
    private const int CalibrationPoses = 24;
    private const int HeldOutPoses = 6;
    private const int PilotPosesPerAxis = 2; // 12 pilot poses instead of 18: the demo stays short
    private const int PolicyEpisodes = 3;

    private static readonly (string Name, Vector3D Tool)[] Poses =
    [
        ("reach forward", new Vector3D(0.25, 0.00, 0.12)),
        ("reach left", new Vector3D(0.20, 0.12, 0.10)),
        ("reach right", new Vector3D(0.20, -0.12, 0.10)),
        ("raise", new Vector3D(0.18, 0.00, 0.25)),
    ];

    /// <summary>Runs the demo; with <paramref name="calibrate"/>, on an imprecise arm calibrated first; then the bundled policy.</summary>
    public static async Task<int> RunAsync(string outputDirectory, double controlRateHz, bool calibrate, CancellationToken cancellationToken)
    {
        KinematicChainDescription? calibrated = await MoveAsync(outputDirectory, controlRateHz, calibrate, cancellationToken).ConfigureAwait(false);
        return await RunPolicyAsync(calibrate ? ArmImprecision.Typical(ImprecisionSeed) : null, calibrated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The bundled touch-cube policy on <see cref="PolicyEpisodes"/> seeded episodes of the same arm (its imprecision, a
    /// fresh world per episode), through the calibrated chain when there is one: calibration reaching a policy.
    /// </summary>
    private static async Task<int> RunPolicyAsync(ArmImprecision? imprecision, KinematicChainDescription? calibrated, CancellationToken cancellationToken)
    {
        PolicyManifest manifest = PolicyManifestFile.Load(BundledPolicy.ManifestPath);
        await using IPolicyBackend backend = PolicyBackends.Create(manifest);
        await backend.StartAsync(cancellationToken).ConfigureAwait(false);
        Print($"the bundled learned policy ({backend.Description}: camera image + tool position -> tool positions) on {PolicyEpisodes} episodes of the same arm, {(calibrated is null ? "nominal" : "calibrated")} kinematics: touch the red cube");
        IReadOnlyList<PolicyEpisodeResult> episodes = await VirtualPolicyEpisodes.RunAsync(
            "so101", manifest, backend, ChunkExecution.RealTimeChunking, PolicyEpisodes, seed: 1, TouchCubeTask.EpisodeSeconds, imprecision, calibrated, line => Console.WriteLine("      " + line), cancellationToken).ConfigureAwait(false);
        int successes = episodes.Count(episode => episode.Success == true);
        Print($"policy: touched the cube in {successes} of {episodes.Count} episodes; largest gap between commands {episodes.Max(episode => episode.MaxCommandGapMs):0} ms, inference p50 {CalibrationRunResults.Median([.. episodes.Select(episode => episode.InferenceMsP50)]) ?? 0:0.0} ms");
        return 0;
    }

    private static async Task<KinematicChainDescription?> MoveAsync(string outputDirectory, double controlRateHz, bool calibrate, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var options = new VirtualArmOptions { World = new VirtualWorldOptions { Imprecision = calibrate ? ArmImprecision.Typical(ImprecisionSeed) : null } };
        using VirtualArm arm = VirtualArm.Start("so101", options);
        using var robot = new Robot(arm.CreateDriver(), new RobotOptions { ControlRateHz = controlRateHz }, "virtual-so101");
        SerialChain chain = robot.Kinematics!;
        using var renderer = new OffscreenRenderer(arm.World.Model, ImageWidth, ImageHeight);
        var pixels = new byte[renderer.FrameLength];
        var steps = new List<DemoStep>();
        int total = Poses.Length + 3 + (calibrate ? 1 : 0);

        Print($"RobotSdk demo: a virtual SO-101 (MuJoCo, real time) on an emulated Feetech bus at {arm.Port}, driven by the real Feetech driver at {controlRateHz} Hz.");
        robot.Connect();
        robot.Activate();
        Print($"[0/{total}] connected and holding where the arm lies; report in {Path.GetFullPath(outputDirectory)}");

        int index = 0;
        if (calibrate)
        {
            index++;
            chain = await CalibrateAsync(arm, robot, index, total, cancellationToken).ConfigureAwait(false);
        }

        foreach ((string name, Vector3D tool) in Poses)
        {
            index++;
            double[] goal = SolveOrThrow(chain, robot, tool);
            var clock = Stopwatch.StartNew();
            await robot.Arm.MoveToAsync(goal, speedFraction: 0.5, toleranceRadians: ToleranceRadians, cancellationToken: cancellationToken).ConfigureAwait(false);
            await SettleAsync(arm.World, cancellationToken).ConfigureAwait(false);
            steps.Add(Record(arm, robot, chain, renderer, pixels, outputDirectory, index, name, tool, goal, clock.Elapsed));
            Print($"[{index}/{total}] {steps[^1].Summary}");
        }

        foreach ((string name, double openFraction) in new[] { ("open gripper", 1.0), ("close gripper", 0.0) })
        {
            index++;
            var clock = Stopwatch.StartNew();
            robot.Gripper!.SetOpenFraction(openFraction);
            await WaitUntilAsync(() => Math.Abs(robot.Gripper.OpenFraction - openFraction) < 0.05, cancellationToken).ConfigureAwait(false);
            await SettleAsync(arm.World, cancellationToken).ConfigureAwait(false);
            steps.Add(Record(arm, robot, chain, renderer, pixels, outputDirectory, index, name, null, null, clock.Elapsed));
            Print($"[{index}/{total}] {steps[^1].Summary}");
        }

        index++;
        robot.Deactivate();
        VirtualWorldStatistics world = arm.World.GetStatistics();
        string report = DemoReport.Write(outputDirectory, steps, robot.GetLoopStatistics(), world);
        Print($"[{index}/{total}] torque off. Simulation real-time factor {world.RealTimeFactor:0.000}; report: {report}");
        return calibrate ? chain.Description : null;
    }

    /// <summary>
    /// Calibrates the imprecise arm from its scene camera and returns the calibrated chain the moves use.
    /// The robot is left active.
    /// </summary>
    private static async Task<SerialChain> CalibrateAsync(VirtualArm arm, Robot robot, int index, int total, CancellationToken cancellationToken)
    {
        Print($"[{index}/{total}] the arm has servo zero offsets, link errors and backlash on purpose (seed {ImprecisionSeed}); calibrating it from the scene camera and its gripper tag");
        (CalibrationProcedureResult procedure, CalibrationRunResult result) = await VirtualCalibration.CalibrateAsync(
            arm, robot, ImprecisionSeed, CalibrationPoses, HeldOutPoses, PilotPosesPerAxis, VirtualCalibration.DefaultTagSize(arm.Name)!.Value, line => Console.WriteLine("      " + line), cancellationToken).ConfigureAwait(false);
        Print($"[{index}/{total}] calibrated on {result.PosesUsed} poses in {result.ElapsedSeconds:0} s: median tool error on {result.HeldOutUsed} held-out poses {result.ToolErrorMmBefore:0.0} mm before, {result.ToolErrorMmAfter:0.0} mm after (ground truth, camera frame); estimated joint offsets within {result.JointOffsetErrorDeg:0.00} deg of the truth");
        robot.Activate();

        // From here the robot's own forward and inverse kinematics and its workspace check use the calibrated chain.
        robot.UseKinematics(procedure.Solution.Calibrated);
        return robot.Kinematics!;
    }

    private static double[] SolveOrThrow(SerialChain chain, Robot robot, Vector3D tool)
    {
        var seed = new double[chain.JointCount];
        robot.Arm.ReadPositions(seed);
        var goal = new double[chain.JointCount];
        InverseKinematicsResult result = chain.SolveInverseKinematics(new Pose(tool, Rotation.Identity), seed, goal);
        return result.Converged
            ? goal
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the demo pose {tool} is out of the SO-101's reach ({result.PositionErrorMeters * 1000:0.0} mm short)."));
    }

    private static DemoStep Record(VirtualArm arm, Robot robot, SerialChain chain, OffscreenRenderer renderer, byte[] pixels, string directory, int index, string name, Vector3D? target, double[]? goal, TimeSpan elapsed)
    {
        var measured = new double[chain.JointCount];
        robot.Arm.ReadPositions(measured);
        Vector3D driverTool = chain.ToolPosition(measured);
        double[] simulated = [.. Enumerable.Range(0, chain.JointCount).Select(arm.World.Joints.GetPresentPosition)];
        Pose simulatedTool = arm.World.Access(simulation =>
        {
            renderer.Render(simulation, "scene", pixels);
            return simulation.GetBodyPose("base").Inverse() * simulation.GetBodyPose("tool");
        });
        string image = $"step-{index}-{name.Replace(' ', '-')}.png";
        using (FileStream file = File.Create(Path.Combine(directory, image)))
        {
            PngWriter.Write(file, pixels, renderer.Width, renderer.Height, PixelFormat.Rgb24);
        }

        double? jointError = goal is null ? null : goal.Zip(simulated, (g, s) => Math.Abs(g - s)).Max();
        return new DemoStep(name, target, driverTool, simulatedTool.Position, jointError, elapsed, image);
    }

    /// <summary>Waits until the simulated arm is still, so a frame and the figures show where it ended.</summary>
    private static Task SettleAsync(VirtualWorld world, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => Enumerable.Range(0, world.Joints.JointCount).All(joint => Math.Abs(world.Joints.GetPresentVelocity(joint)) < 0.02), cancellationToken);

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("the virtual arm did not settle within 10 s.");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
