using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;
using RobotSdk.Policy.Embodiment;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Observation;
using RobotSdk.Policy.Runner;
using RobotSdk.Simulation;
using RobotSdk.Virtual;
using RobotSdk.Virtual.Tasks;

namespace RobotSdk.Cli.Policy;

/// <summary>
/// Seeded episodes of the touch-cube task on a virtual arm (behind its real driver, in real time):
/// per episode the cubes placed by the seed, the tool brought to the episode's start point, then the
/// policy runner until the arm touches the red cube or the time is up.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class VirtualPolicyEpisodes
{
    /// <summary>Runs <paramref name="episodes"/> episodes seeded <paramref name="seed"/>, <paramref name="seed"/> + 1, ...</summary>
    /// <param name="imprecision">Imprecision of the arm (the demo's), or null for a perfect arm.</param>
    /// <param name="kinematics">A calibrated chain to run the adapter through, or null for the nominal one.</param>
    /// <remarks>
    /// One world, camera and robot serve every episode: between episodes the arm goes back to its ready
    /// posture and the task places the cubes again (a real-time world cannot be reset, and creating a
    /// renderer per episode is what a long-running app should not do either).
    /// </remarks>
    public static async Task<IReadOnlyList<PolicyEpisodeResult>> RunAsync(
        string armName,
        PolicyManifest manifest,
        IPolicyBackend backend,
        ChunkExecution execution,
        int episodes,
        int seed,
        double episodeSeconds,
        ArmImprecision? imprecision,
        KinematicChainDescription? kinematics,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        using VirtualArm arm = VirtualArm.Start(armName, new VirtualArmOptions { World = new VirtualWorldOptions { Seed = seed, Imprecision = imprecision } });
        var task = new TouchCubeTask(arm.Model, arm.World.Model);
        SimulatedCamera camera = arm.OpenCamera(TouchCubeTask.CameraName, TouchCubeTask.CameraWidth, TouchCubeTask.CameraHeight, framesPerSecond: 30);
        camera.Start();
        using var robot = new Robot(arm.CreateDriver(), new RobotOptions { ControlRateHz = 100, Kinematics = kinematics }, "virtual-" + arm.Name, cameras: [camera]);
        robot.Connect();
        robot.Activate();
        var results = new List<PolicyEpisodeResult>(episodes);
        for (int episode = 0; episode < episodes; episode++)
        {
            PolicyEpisodeResult result = await RunEpisodeAsync(arm, task, robot, manifest, backend, execution, seed + episode, episodeSeconds, log, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            log(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"episode {episode + 1}/{episodes} (seed {result.Seed}): {(result.Success == true ? "touched the cube" : "missed")} after {result.Seconds:0.0} s, {result.ChunksReceived} chunks, inference p50 {result.InferenceMsP50:0.0} ms, largest command gap {result.MaxCommandGapMs:0.0} ms"));
        }

        robot.Deactivate();
        return results;
    }

    private static async Task<PolicyEpisodeResult> RunEpisodeAsync(
        VirtualArm arm,
        TouchCubeTask task,
        Robot robot,
        PolicyManifest manifest,
        IPolicyBackend backend,
        ChunkExecution execution,
        int seed,
        double episodeSeconds,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        double[] ready = ReadyPosture(robot, task);
        await SetUpMoveAsync(robot, ready, "ready posture", seed, log, cancellationToken).ConfigureAwait(false); // off the last episode's cube first
        TouchCubeEpisode placement = task.Reset(arm.World, seed);
        await SetUpMoveAsync(robot, StartPosture(robot, ready, placement), "start point", seed, log, cancellationToken).ConfigureAwait(false);

        var embodiment = EmbodimentAdapter.Create(manifest, robot);
        var observations = new RobotObservationSource(robot, manifest.Inputs, embodiment);
        var runner = new PolicyRunner(robot, embodiment, observations, backend, new PolicyRunnerOptions { Manifest = manifest, Execution = execution });
        var clock = Stopwatch.StartNew();
        PolicyRunReport report = await runner.RunAsync(TimeSpan.FromSeconds(episodeSeconds), () => task.IsSucceeded(arm.World), cancellationToken).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        bool success = report.StopReason == PolicyRunStopReason.StopConditionMet || task.IsSucceeded(arm.World);
        Vector3D cube = placement.CubePosition;
        return PolicyEpisodeResult.From(report, seed, seconds, success, [cube.X, cube.Y, cube.Z]);
    }

    /// <summary>The ready posture (the wrist the same way up every episode).</summary>
    private static double[] ReadyPosture(Robot robot, TouchCubeTask task)
    {
        int armJoints = robot.Arm.Joints.Count;
        // The ready pose may sit on a joint's limit (the SO-101's wrist flex); the driver's limits are a hair narrower than the model's.
        return [.. task.ReadyPose.Take(armJoints).Select((position, i) => Math.Clamp(position, robot.JointLimits[i].MinPosition + 0.01, robot.JointLimits[i].MaxPosition - 0.01))];
    }

    /// <summary>The joints of the position-only solve for the episode's start point seeded by the ready posture: how the demonstrations started.</summary>
    private static double[] StartPosture(Robot robot, double[] ready, TouchCubeEpisode placement)
    {
        var start = new double[ready.Length];
        InverseKinematicsResult solve = robot.Kinematics!.SolveInverseKinematics(new Pose(placement.StartToolPosition, Rotation.Identity), ready, start, new InverseKinematicsOptions { OrientationWeight = 0 });
        return solve.Converged
            ? start
            : throw new InvalidOperationException($"The {robot.Description.Model} cannot reach the start point of episode {placement.Seed} ({placement.StartToolPosition}).");
    }

    /// <summary>
    /// A move that sets an episode up. A real-time world on a busy machine can fall behind the wall clock
    /// for a moment, and a move then misses its time limit short of the goal; the setup (not the policy)
    /// gets one more try at half the speed, and says so. A second miss ends the run with what and where.
    /// </summary>
    private static async Task SetUpMoveAsync(Robot robot, double[] goal, string what, int seed, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            await robot.Arm.MoveToAsync(goal, speedFraction: 0.6, toleranceRadians: 0.03, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException first)
        {
            log($"episode seed {seed}: the move to its {what} did not settle ({first.Message}); trying again at half the speed");
            try
            {
                await robot.Arm.MoveToAsync(goal, speedFraction: 0.3, toleranceRadians: 0.03, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException second)
            {
                throw new InvalidOperationException($"episode seed {seed}: the arm could not reach its {what}, twice: {second.Message}", second);
            }
        }
    }
}
