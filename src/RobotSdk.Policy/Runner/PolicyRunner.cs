using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobotSdk.Policy.Manifest;

namespace RobotSdk.Policy.Runner;

/// <summary>
/// Executes a policy on a robot: a dedicated control thread sends the arm one target per control
/// step (the manifest's rate, against absolute deadlines, allocating nothing), while an inference
/// thread captures observations and asks the backend for action chunks, overlapped or not per
/// <see cref="PolicyRunnerOptions.Execution"/>. Every target goes through <see cref="Robot.Arm"/>,
/// so the robot's safety layer (limits, workspace box, watchdog, e-stop) applies to each.
/// </summary>
/// <remarks>
/// Watchdog: when no action is available for a step (a synchronous pause, a chunk that ran out,
/// an inference that stalled or threw, a lost server) the control thread sends the last target
/// again: the arm holds still. After a failure the runner switches to
/// <see cref="PolicyRunnerOptions.Fallback"/> when one is configured and stays on it; otherwise it
/// holds and retries (<see cref="PolicyRunnerOptions.HoldOnStall"/>) or ends the run. An emergency
/// stop or cancellation terminates the backend's inference in progress and ends the run.
/// One run at a time; a runner can run again (episode after episode), and starts each backend once.
/// The runner does not own the robot, the backends or the observation source: their owner disposes them.
/// </remarks>
public sealed class PolicyRunner
{
    private readonly HashSet<IPolicyBackend> _startedBackends = [];
    private int _running;

    /// <summary>Checks that the pieces fit together; starts nothing.</summary>
    /// <param name="robot">The robot, connected and activated before <see cref="RunAsync(TimeSpan, CancellationToken)"/>.</param>
    /// <param name="embodiment">Maps the model's actions onto this robot.</param>
    /// <param name="observations">Captures what the model observes.</param>
    /// <param name="backend">Computes the chunks.</param>
    /// <param name="options">The manifest, execution mode and watchdog settings.</param>
    /// <param name="logger">Logger; none when null. Nothing is logged from the control thread.</param>
    /// <param name="time">Clock of the control thread's deadlines and of every measurement; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options or pieces do not fit; the message lists every problem.</exception>
    public PolicyRunner(Robot robot, IEmbodiment embodiment, IObservationSource observations, IPolicyBackend backend, PolicyRunnerOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(embodiment);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.Validate());
        if (options.Manifest is { } manifest)
        {
            ActionSpace actions = manifest.Actions;
            if (embodiment.ActionDimensions != actions.Dimensions)
            {
                problems.Add($"the embodiment reads {embodiment.ActionDimensions} numbers per action; the manifest's actions have {actions.Dimensions}");
            }
        }

        if (embodiment.ArmJointCount != robot.Arm.Joints.Count)
        {
            problems.Add($"the embodiment drives {embodiment.ArmJointCount} arm joints; robot '{robot.Name}' has {robot.Arm.Joints.Count}");
        }

        if (embodiment.GripperCount > robot.Grippers.Count)
        {
            problems.Add($"the embodiment drives {embodiment.GripperCount} grippers; robot '{robot.Name}' has {robot.Grippers.Count}");
        }

        if (ReferenceEquals(options.Fallback, backend))
        {
            problems.Add("the fallback backend is the main backend");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The policy runner for robot '{robot.Name}' cannot be built: {string.Join("; ", problems)}.", nameof(options));
        }

        Robot = robot;
        Embodiment = embodiment;
        Observations = observations;
        Backend = backend;
        Options = options;
        Logger = logger ?? NullLogger.Instance;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The robot the policy drives.</summary>
    public Robot Robot { get; }

    /// <summary>The embodiment adapter.</summary>
    public IEmbodiment Embodiment { get; }

    /// <summary>The observation source.</summary>
    public IObservationSource Observations { get; }

    /// <summary>The main backend.</summary>
    public IPolicyBackend Backend { get; }

    /// <summary>The settings (read at the start of each run).</summary>
    public PolicyRunnerOptions Options { get; }

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    /// <summary>Runs the policy for <paramref name="duration"/> (or until cancelled, the e-stop, or a failure that ends it).</summary>
    /// <exception cref="InvalidOperationException">The robot is not active, or a run is already in progress.</exception>
    public Task<PolicyRunReport> RunAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        RunAsync(duration, stopWhen: null, cancellationToken);

    /// <summary>
    /// Runs the policy for <paramref name="duration"/>, ending early when <paramref name="stopWhen"/>
    /// returns true (checked about once per control period, off the control thread; for example
    /// "the cube was touched"), on cancellation, the e-stop, or a failure that ends it. The arm is
    /// left holding its last target. Failures of the policy are reported, not thrown.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The robot is not active, or a run is already in progress.</exception>
    /// <remarks>An exception thrown by <paramref name="stopWhen"/> ends the run and is rethrown once the run has stopped.</remarks>
    public async Task<PolicyRunReport> RunAsync(TimeSpan duration, Func<bool>? stopWhen, CancellationToken cancellationToken = default)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The run duration must be positive.");
        }

        if (Robot.State != RobotState.Active || Robot.IsEmergencyStopped)
        {
            throw new InvalidOperationException($"Robot '{Robot.Name}' is {Robot.State}{(Robot.IsEmergencyStopped ? " with its e-stop latched" : "")}; activate it before running a policy.");
        }

        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("This policy runner is already running; one run at a time.");
        }

        try
        {
            using var run = new PolicyRun(this, duration);
            return await run.ExecuteAsync(stopWhen, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Whether <paramref name="backend"/> was started (by any run of this runner).</summary>
    internal bool IsStarted(IPolicyBackend backend)
    {
        lock (_startedBackends)
        {
            return _startedBackends.Contains(backend);
        }
    }

    internal void MarkStarted(IPolicyBackend backend)
    {
        lock (_startedBackends)
        {
            _startedBackends.Add(backend);
        }
    }
}
