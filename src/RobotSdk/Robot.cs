using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobotSdk.Control;
using RobotSdk.Geometry;
using RobotSdk.Hardware;
using RobotSdk.Kinematics;
using RobotSdk.Logging;
using RobotSdk.Safety;

namespace RobotSdk;

/// <summary>
/// An arm behind one driver, with its control loop and safety layer. Applications command
/// it through <see cref="Arm"/> and <see cref="Grippers"/>; a dedicated control thread reads
/// the hardware, shapes the latest targets within the limits and writes them, every cycle,
/// without allocating. All public members are thread-safe.
/// </summary>
/// <remarks>
/// Lifecycle: <see cref="Connect()"/> (driver configured, state read every cycle) →
/// <see cref="Activate"/> (torque on, holding the measured position) → commands →
/// <see cref="Deactivate"/> → <see cref="Dispose"/>. The robot owns its driver and disposes it.
/// </remarks>
public sealed partial class Robot : IDisposable
{
    private enum JointMode : byte
    {
        Hold,
        Stream,
        Goal,
        Stop,
    }

    private readonly IRobotDriver _driver;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SafetyOptions _safety;
    private readonly JointLimits[] _limits;
    private readonly ControlLoop _loop;
    private readonly CommandShaper _shaper;
    private readonly long _watchdogTicks;
    private readonly WorkspaceBox? _workspace;

    // Serializes every driver call: the control cycle and lifecycle changes.
    private readonly Lock _driverLock = new();

    // Guards the targets applications write and the loop reads.
    private readonly Lock _targetLock = new();
    private readonly double[] _target;
    private readonly JointMode[] _mode;
    private readonly long[] _targetTicks;
    private readonly double[] _speedScale;

    // Guards the copies applications read.
    private readonly Lock _publishLock = new();
    private readonly JointFrame _publishedMeasured;
    private readonly JointFrame _publishedCommand;
    private SafetyInterventions _publishedInterventions;

    private readonly JointGroup _arm;
    private readonly JointGroup[] _groups;
    private readonly Gripper[] _grippers;
    private readonly ICamera[] _cameras;

    // Swapped whole by UseKinematics; every reader takes one reference and uses only that.
    private volatile SerialChain? _kinematics;
    private volatile RobotState _state = RobotState.Disconnected;
    private volatile bool _emergencyStop;
    private HardwareFaultException? _fault;

    /// <summary>Creates a disconnected robot over <paramref name="driver"/>, which it then owns.</summary>
    /// <param name="driver">The hardware driver, unconfigured.</param>
    /// <param name="options">Rate and safety settings; defaults when null.</param>
    /// <param name="name">Name for logs and DI keys; the model name when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <param name="cameras">Cameras that belong to this robot (not owned).</param>
    /// <param name="timeProvider">Clock for the watchdog and timestamps; the system clock when null.</param>
    /// <exception cref="ArgumentException">The description or options are inconsistent; the message lists every problem.</exception>
    public Robot(IRobotDriver driver, RobotOptions? options = null, string? name = null, ILogger<Robot>? logger = null, IEnumerable<ICamera>? cameras = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        options ??= new RobotOptions();
        Description = driver.Description;
        Name = name ?? Description.Model;
        IReadOnlyList<string> problems = [.. Description.Validate(), .. options.Validate(Description)];
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Robot '{Name}' cannot be built: {string.Join("; ", problems)}.", nameof(options));
        }

        _driver = driver;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _safety = options.Safety;
        _limits = EffectiveLimits.Compute(Description, _safety, out _);
        _loop = new ControlLoop($"robot:{Name}", options.ControlRateHz, new Cycle(this), options.Pacing);
        _shaper = new CommandShaper(_limits, _loop.PeriodSeconds, _safety.MaxStepRadians);
        _watchdogTicks = (long)(_safety.WatchdogTimeoutMs / 1000.0 * _time.TimestampFrequency);
        _workspace = _safety.Workspace?.ToBox();

        int count = Description.Joints.Count;
        _measured = new JointFrame(count);
        _command = new JointFrame(count);
        _candidate = new double[count];
        _desired = new double[count];
        _cycleScale = new double[count];
        _publishedMeasured = new JointFrame(count);
        _publishedCommand = new JointFrame(count);
        _target = new double[count];
        _mode = new JointMode[count];
        _targetTicks = new long[count];
        _speedScale = new double[count];

        if (Description.Kinematics is { } nominal)
        {
            _kinematics = new SerialChain(options.Kinematics ?? nominal, Description);
            _chainPositions = new double[_kinematics.JointCount];
        }

        _arm = new JointGroup(this, "arm", ArmJointIndices());
        _groups = [_arm];
        _grippers = [.. Description.Grippers.Select(g => new Gripper(this, g, Description.IndexOf(g.JointName)))];
        _cameras = cameras?.ToArray() ?? [];
    }

    /// <summary>Name of this robot.</summary>
    public string Name { get; }

    /// <summary>What the driver says about the hardware.</summary>
    public RobotDescription Description { get; }

    /// <summary>Lifecycle state.</summary>
    public RobotState State => _state;

    /// <summary>The arm joints (the kinematic chain, or every non-gripper joint).</summary>
    public IJointGroup Arm => _arm;

    /// <summary>Grippers, in the description's order.</summary>
    public IReadOnlyList<IGripper> Grippers => _grippers;

    /// <summary>The first gripper, or null.</summary>
    public IGripper? Gripper => _grippers.Length > 0 ? _grippers[0] : null;

    /// <summary>Cameras of this robot.</summary>
    public IReadOnlyList<ICamera> Cameras => _cameras;

    /// <summary>
    /// Kinematics of the arm, or null when the model describes none: <see cref="RobotOptions.Kinematics"/>
    /// (a calibrated chain) when given, else the driver's nominal chain, until <see cref="UseKinematics"/> replaces it.
    /// </summary>
    public SerialChain? Kinematics => _kinematics;

    /// <summary>Effective joint limits (hardware narrowed by the profile), in joint order.</summary>
    public IReadOnlyList<JointLimits> JointLimits => _limits;

    /// <summary>Whether the e-stop is latched.</summary>
    public bool IsEmergencyStopped => _emergencyStop;

    /// <summary>The fault that turned torque off, while <see cref="State"/> is <see cref="RobotState.Faulted"/>.</summary>
    public HardwareFaultException? Fault => Volatile.Read(ref _fault);

    /// <summary>The driver's counters and last fault.</summary>
    public DriverDiagnostics DriverDiagnostics => _driver.Diagnostics;

    /// <summary>What the safety layer changed in the most recent cycle.</summary>
    public SafetyInterventions LastInterventions
    {
        get
        {
            lock (_publishLock)
            {
                return _publishedInterventions;
            }
        }
    }

    /// <summary>Raised (on the thread pool) when a driver fault turned torque off.</summary>
    public event EventHandler<HardwareFaultException>? Faulted;

    /// <summary>Configures the driver and starts the control loop, which reads state every cycle. Torque stays off.</summary>
    /// <exception cref="HardwareFaultException">The hardware could not be reached.</exception>
    /// <exception cref="InvalidOperationException">The robot is already connected.</exception>
    public void Connect() => Connect(startLoop: true);

    /// <summary>Turns torque on and holds the measured position, so nothing jumps.</summary>
    /// <exception cref="InvalidOperationException">The robot is not connected and inactive, or the e-stop is latched.</exception>
    /// <exception cref="HardwareFaultException">The hardware refused, or its state could not be read.</exception>
    public void Activate()
    {
        lock (_driverLock)
        {
            ThrowIfDisposed();
            if (_emergencyStop)
            {
                throw new InvalidOperationException($"Robot '{Name}': the e-stop is latched; call ResetEmergencyStop() first.");
            }

            if (_state != RobotState.Inactive)
            {
                throw new InvalidOperationException($"Robot '{Name}' is {_state}; it must be connected and inactive to activate.");
            }

            _driver.Activate(CommandMode.Position);
            DriverStatus read;
            try
            {
                read = _driver.Read(_measured);
            }
            catch
            {
                // Torque must not stay on behind a robot that reports itself inactive.
                _driver.Deactivate();
                throw;
            }

            if (read != DriverStatus.Ok || !AllFinite(_measured.Positions))
            {
                _driver.Deactivate();
                throw _driver.Diagnostics.LastFault
                    ?? new HardwareFaultException(Description.Model, null, null, "activation failed: the joint state could not be read");
            }

            _measured.TimestampTicks = _time.GetTimestamp();
            _command.CopyFrom(_measured);
            _shaper.Halt();
            HoldAll(_measured.Positions);
            Publish(SafetyInterventions.None);
            _state = RobotState.Active;
        }

        Log.Activated(_logger, Name);
    }

    /// <summary>Turns torque off. Pending moves fail with <see cref="RobotHaltedException"/>.</summary>
    public void Deactivate()
    {
        lock (_driverLock)
        {
            if (_state == RobotState.Active)
            {
                _driver.Deactivate();
                _state = RobotState.Inactive;
            }
        }

        FailMoves(new RobotHaltedException($"Robot '{Name}' was deactivated."));
        Log.Deactivated(_logger, Name);
    }

    /// <summary>
    /// Latches the e-stop. Callable from any thread; the next control cycle holds the last
    /// command (or turns torque off, per <see cref="SafetyOptions.EmergencyStopAction"/>).
    /// Pending moves fail and new commands are refused until <see cref="ResetEmergencyStop"/>.
    /// </summary>
    public void EmergencyStop()
    {
        if (_emergencyStop)
        {
            return;
        }

        _emergencyStop = true;
        FailMoves(new RobotHaltedException($"Robot '{Name}': emergency stop."));
        Log.EmergencyStopLatched(_logger, Name, _safety.EmergencyStopAction.ToString());
    }

    /// <summary>Releases the e-stop. The arm keeps holding where it is; earlier targets are forgotten.</summary>
    public void ResetEmergencyStop()
    {
        lock (_driverLock)
        {
            HoldAll(_command.Positions);
            _emergencyStop = false;
        }

        Log.EmergencyStopReset(_logger, Name);
    }

    /// <summary>
    /// After a fault, reconfigures the driver (reopening its transport, for example when a
    /// USB adapter was plugged back in). The robot is then inactive; call <see cref="Activate"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The robot is not faulted.</exception>
    /// <exception cref="HardwareFaultException">The hardware is still unreachable; the robot stays faulted.</exception>
    public void ClearFault()
    {
        lock (_driverLock)
        {
            if (_state != RobotState.Faulted)
            {
                throw new InvalidOperationException($"Robot '{Name}' is {_state}, not faulted.");
            }

            _driver.Configure();
            Volatile.Write(ref _fault, null);
            _state = RobotState.Inactive;
        }

        Log.FaultCleared(_logger, Name);
    }

    /// <summary>Copies the latest measured state of every joint into <paramref name="destination"/>.</summary>
    public void ReadState(JointFrame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        lock (_publishLock)
        {
            destination.CopyFrom(_publishedMeasured);
        }
    }

    /// <summary>Copies the command last sent to the hardware (after the safety layer) into <paramref name="destination"/>.</summary>
    public void ReadSentCommand(JointFrame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        lock (_publishLock)
        {
            destination.CopyFrom(_publishedCommand);
        }
    }

    /// <summary>Deadline statistics of the control loop.</summary>
    public ControlLoopStatistics GetLoopStatistics() => _loop.GetStatistics();

    /// <summary>Control cycles run so far; counts what the loop did, not what the wall clock says it should have.</summary>
    internal long CyclesRun => Volatile.Read(ref _cycles);

    /// <summary>The control loop's period: how far the command advances per cycle.</summary>
    internal double ControlPeriodSeconds => _loop.PeriodSeconds;

    /// <summary>Clears the control loop's deadline statistics.</summary>
    public void ResetLoopStatistics() => _loop.ResetStatistics();

    /// <summary>Counters of the control loop and safety layer.</summary>
    public RobotDiagnostics GetDiagnostics()
    {
        lock (_publishLock)
        {
            return new RobotDiagnostics(_cycles, _readErrors, _writeErrors, _watchdogTrips, _workspaceRejections, _limitedCycles);
        }
    }

    /// <summary>Pose of the tool from the latest measured joint positions.</summary>
    /// <exception cref="InvalidOperationException">The model describes no kinematics.</exception>
    public Pose GetToolPose()
    {
        SerialChain chain = RequireKinematics();
        Span<double> positions = stackalloc double[chain.JointCount];
        _arm.ReadPositions(positions);
        return chain.ForwardKinematics(positions);
    }

    /// <summary>
    /// Moves the tool to <paramref name="target"/> through inverse kinematics from the current
    /// position, then <see cref="IJointGroup.MoveToAsync"/> until every arm joint is within
    /// <paramref name="toleranceRadians"/> of the solution.
    /// </summary>
    /// <exception cref="InvalidOperationException">No kinematics, or the target is unreachable (the message gives the remaining error).</exception>
    public Task MoveToPoseAsync(Pose target, InverseKinematicsOptions? inverseKinematics = null, double speedFraction = 0.5, double toleranceRadians = 0.002, CancellationToken cancellationToken = default)
    {
        SerialChain chain = RequireKinematics();
        var seed = new double[chain.JointCount];
        _arm.ReadPositions(seed);
        var solution = new double[chain.JointCount];
        InverseKinematicsResult result = chain.SolveInverseKinematics(target, seed, solution, inverseKinematics);
        if (!result.Converged)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Robot '{Name}': pose {target.Position} is unreachable within the joint limits (remaining error {result.PositionErrorMeters * 1000:0.0} mm, {result.OrientationErrorRadians * 180 / Math.PI:0.0} degrees)."));
        }

        return _arm.MoveToAsync(solution, speedFraction, toleranceRadians, cancellationToken);
    }

    /// <summary>
    /// Replaces the arm's kinematics while the robot runs, for example with a calibration just made on
    /// it: from the next control cycle on, forward and inverse kinematics, <see cref="MoveToPoseAsync"/>
    /// and the workspace box use <paramref name="kinematics"/>. Safe from any thread: the chain is
    /// built first and then swapped in with one reference write, and the control cycle reads that
    /// reference once per cycle, so a cycle never mixes two chains and the cycle allocates nothing.
    /// A move already under way keeps the joint goal it was planned with.
    /// </summary>
    /// <param name="kinematics">The chain: the nominal chain's joints in the same order and kinds, finite numbers.</param>
    /// <exception cref="ArgumentException">The chain does not fit this arm; the message lists every problem.</exception>
    public void UseKinematics(KinematicChainDescription kinematics)
    {
        ArgumentNullException.ThrowIfNull(kinematics);
        IReadOnlyList<string> problems = KinematicChainCheck.FindProblems(kinematics, Description, nameof(kinematics));
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Robot '{Name}' cannot use these kinematics: {string.Join("; ", problems)}.", nameof(kinematics));
        }

        _kinematics = new SerialChain(kinematics, Description);
        Log.KinematicsReplaced(_logger, Name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_state == RobotState.Disposed)
        {
            return;
        }

        _loop.Stop();
        lock (_driverLock)
        {
            _driver.Deactivate();
            _driver.Dispose();
            _state = RobotState.Disposed;
        }

        FailMoves(new RobotHaltedException($"Robot '{Name}' was disposed."));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Description.Model}, {_state})";

    /// <summary>Configures the driver; tests leave the loop stopped and run cycles themselves.</summary>
    internal void Connect(bool startLoop)
    {
        lock (_driverLock)
        {
            ThrowIfDisposed();
            if (_state != RobotState.Disconnected)
            {
                throw new InvalidOperationException($"Robot '{Name}' is already connected ({_state}).");
            }

            _driver.Configure();
            _state = RobotState.Inactive;
        }

        if (startLoop)
        {
            _loop.Start();
        }

        Log.Connected(_logger, Name, Description.Model, _loop.RateHz);
    }

    /// <summary>Target positions are written here by joint groups and grippers.</summary>
    internal void SetTargets(ReadOnlySpan<int> frameIndices, ReadOnlySpan<double> positions, bool streaming, double speedFraction)
    {
        ThrowIfNotCommandable();
        long now = _time.GetTimestamp();
        lock (_targetLock)
        {
            for (int i = 0; i < frameIndices.Length; i++)
            {
                int joint = frameIndices[i];
                _target[joint] = positions[i];
                _mode[joint] = streaming ? JointMode.Stream : JointMode.Goal;
                _targetTicks[joint] = now;
                _speedScale[joint] = _safety.VelocityScale * speedFraction;
            }

            _commandSinceWatchdogTrip = true;
        }
    }

    /// <summary>Stops the given joints with their deceleration limit and holds them there.</summary>
    internal void StopJoints(ReadOnlySpan<int> frameIndices)
    {
        lock (_targetLock)
        {
            foreach (int joint in frameIndices)
            {
                _mode[joint] = JointMode.Stop;
            }
        }
    }

    internal void ReadPublished(ReadOnlySpan<int> frameIndices, Span<double> destination, bool sent, bool velocities)
    {
        if (destination.Length != frameIndices.Length)
        {
            throw new ArgumentException($"Expected {frameIndices.Length} values, got {destination.Length}.", nameof(destination));
        }

        lock (_publishLock)
        {
            JointFrame frame = sent ? _publishedCommand : _publishedMeasured;
            ReadOnlySpan<double> source = velocities ? frame.Velocities : frame.Positions;
            for (int i = 0; i < frameIndices.Length; i++)
            {
                destination[i] = source[frameIndices[i]];
            }
        }
    }

    internal void ThrowIfNotCommandable()
    {
        if (_emergencyStop)
        {
            throw new RobotHaltedException($"Robot '{Name}': the e-stop is latched; commands are refused until ResetEmergencyStop().");
        }

        RobotState state = _state;
        if (state != RobotState.Active)
        {
            string hint = state == RobotState.Faulted ? $" Fault: {Fault?.Message}" : " Call Activate() first.";
            throw new RobotHaltedException($"Robot '{Name}' is {state}, not active.{hint}");
        }
    }

    internal JointLimits LimitsOf(int frameIndex) => _limits[frameIndex];

    internal WorkspaceBox? Workspace => _workspace;

    internal string JointName(int frameIndex) => Description.Joints[frameIndex].Name;

    private void HoldAll(ReadOnlySpan<double> positions)
    {
        lock (_targetLock)
        {
            positions.CopyTo(_target);
            Array.Fill(_mode, JointMode.Hold);
        }
    }

    private void FailMoves(Exception reason)
    {
        foreach (JointGroup group in _groups)
        {
            group.FailPendingMove(reason);
        }
    }

    private int[] ArmJointIndices()
    {
        if (_kinematics is { } chain)
        {
            return [.. chain.FrameIndices];
        }

        var gripperJoints = new HashSet<string>(Description.Grippers.Select(g => g.JointName), StringComparer.Ordinal);
        return [.. Enumerable.Range(0, Description.Joints.Count).Where(i => !gripperJoints.Contains(Description.Joints[i].Name))];
    }

    private SerialChain RequireKinematics() =>
        Kinematics ?? throw new InvalidOperationException($"Robot '{Name}': model '{Description.Model}' describes no kinematics.");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_state == RobotState.Disposed, this);

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adapts the robot to the loop without making RunCycle public.</summary>
    private sealed class Cycle(Robot robot) : IControlCycle
    {
        // The loop wakes on Stopwatch ticks; the robot's watchdog and timestamps use its
        // TimeProvider (the same clock in production, a manual one in tests), so read that.
        public void RunCycle(long nowTicks) => robot.RunCycle(robot._time.GetTimestamp());
    }
}
