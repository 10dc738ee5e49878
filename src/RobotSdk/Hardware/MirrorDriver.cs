namespace RobotSdk.Hardware;

/// <summary>
/// A driver without hardware: each command becomes the measured state after a configurable
/// lag, clamped to the joint limits (position, and speed with 50 % slack for timing jitter), as ros2_control's mock components
/// do. Everything above drivers tests against it. Faults can be injected to test how the
/// robot ends safe. Allocation-free in steady state.
/// </summary>
public sealed class MirrorDriver : IRobotDriver
{
    private const double SpeedTolerance = 1.5;

    private readonly double[][] _history;
    private readonly long[] _historyTicks;
    private readonly double[] _current;
    private readonly double[] _previousRead;
    private readonly double[] _initial;
    private readonly TimeProvider _time;
    private readonly long _lagTicks;
    private int _newest = -1;
    private int _stored;
    private long _lastWriteTicks;
    private long _previousReadTicks;
    private long _commandsClamped;
    private DriverStatus _injectedStatus = DriverStatus.Ok;
    private HardwareFaultException? _injectedFault;
    private bool _unplugged;

    /// <summary>Creates an unconfigured mirror of <paramref name="description"/>.</summary>
    /// <exception cref="ArgumentException">Initial positions do not match the joints.</exception>
    public MirrorDriver(RobotDescription description, MirrorDriverOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        options ??= new MirrorDriverOptions();
        if (!(options.LagMs >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LagMs, "LagMs must be zero or positive.");
        }

        Description = description;
        _time = timeProvider ?? TimeProvider.System;
        _lagTicks = (long)(options.LagMs / 1000.0 * _time.TimestampFrequency);
        int count = description.Joints.Count;
        if (options.InitialPositions.Length is not 0 && options.InitialPositions.Length != count)
        {
            throw new ArgumentException($"InitialPositions has {options.InitialPositions.Length} values; model '{description.Model}' has {count} joints.", nameof(options));
        }

        _initial = new double[count];
        for (int i = 0; i < count; i++)
        {
            JointLimits limits = description.Joints[i].Limits;
            double position = options.InitialPositions.Length == 0 ? 0 : options.InitialPositions[i];
            _initial[i] = Math.Clamp(position, limits.MinPosition, limits.MaxPosition);
        }

        // Enough entries to cover the lag at 1 kHz, with margin.
        int capacity = (int)Math.Ceiling(options.LagMs * 2) + 64;
        _history = new double[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            _history[i] = new double[count];
        }

        _historyTicks = new long[capacity];
        _current = (double[])_initial.Clone();
        _previousRead = (double[])_initial.Clone();
    }

    /// <inheritdoc />
    public RobotDescription Description { get; }

    /// <inheritdoc />
    public DriverState State { get; private set; } = DriverState.Unconfigured;

    /// <inheritdoc />
    public DriverDiagnostics Diagnostics { get; } = new();

    /// <summary>Commands the mirror had to clamp because they broke a position or speed limit.</summary>
    public long CommandsClamped => Interlocked.Read(ref _commandsClamped);

    /// <summary>The positions the mirror would report now, ignoring the lag (the latest accepted command).</summary>
    public IReadOnlyList<double> LatestCommandedPositions => _newest < 0 ? _initial : _history[_newest];

    /// <inheritdoc />
    public void Configure()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        if (_unplugged)
        {
            throw new DeviceUnavailableException($"mirror:{Description.Model}", DeviceUnavailableReason.NotFound, "the simulated device is unplugged");
        }

        _injectedStatus = DriverStatus.Ok;
        _injectedFault = null;
        State = DriverState.Inactive;
    }

    /// <inheritdoc />
    public void Activate(CommandMode mode)
    {
        if (State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The mirror driver is {State}; configure it before activating.");
        }

        if (mode != CommandMode.Position)
        {
            throw new NotSupportedException($"The mirror driver accepts position commands only, not {mode}.");
        }

        // Command := state, so nothing jumps.
        PushHistory(_time.GetTimestamp() - _lagTicks - 1, _current);
        State = DriverState.Active;
    }

    /// <inheritdoc />
    public void Deactivate()
    {
        if (State == DriverState.Active)
        {
            // Torque off: the joints stay where they are now.
            _newest = -1;
            _stored = 0;
            State = DriverState.Inactive;
        }
    }

    /// <inheritdoc />
    public DriverStatus Read(JointFrame state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Diagnostics.CountTransaction();
        if (TryFail(out DriverStatus failed))
        {
            return failed;
        }

        long now = _time.GetTimestamp();
        if (_newest >= 0)
        {
            LaggedCommand(now - _lagTicks).CopyTo(_current, 0);
        }

        double dt = _previousReadTicks == 0 ? 0 : (double)(now - _previousReadTicks) / _time.TimestampFrequency;
        for (int i = 0; i < _current.Length; i++)
        {
            state.Positions[i] = _current[i];
            state.Velocities[i] = dt > 0 ? (_current[i] - _previousRead[i]) / dt : 0;
            state.Currents[i] = 0;
        }

        _current.CopyTo(_previousRead, 0);
        _previousReadTicks = now;
        state.TimestampTicks = now;
        return DriverStatus.Ok;
    }

    /// <inheritdoc />
    public DriverStatus Write(JointFrame command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Diagnostics.CountTransaction();
        if (TryFail(out DriverStatus failed))
        {
            return failed;
        }

        if (State != DriverState.Active)
        {
            return DriverStatus.Ok; // Torque is off: commands have no effect, as on hardware.
        }

        long now = _time.GetTimestamp();
        double dt = (double)(now - _lastWriteTicks) / _time.TimestampFrequency;
        double[] previous = _history[_newest];
        int next = (_newest + 1) % _history.Length;
        double[] accepted = _history[next];
        bool clamped = false;
        for (int i = 0; i < accepted.Length; i++)
        {
            JointLimits limits = Description.Joints[i].Limits;
            double wanted = command.Positions[i];
            if (!double.IsFinite(wanted))
            {
                wanted = previous[i];
                clamped = true;
            }

            // Half again the speed limit: writes arrive with scheduling jitter, so a command
            // sized for the nominal period may land a little early.
            double maxStep = limits.MaxVelocity * dt * SpeedTolerance;
            double position = Math.Clamp(Math.Clamp(wanted, previous[i] - maxStep, previous[i] + maxStep), limits.MinPosition, limits.MaxPosition);
            clamped |= position != wanted;
            accepted[i] = position;
        }

        if (clamped)
        {
            Interlocked.Increment(ref _commandsClamped);
        }

        _newest = next;
        _historyTicks[next] = now;
        _stored = Math.Min(_stored + 1, _history.Length);
        _lastWriteTicks = now;
        return DriverStatus.Ok;
    }

    /// <summary>Makes every following read and write return <paramref name="status"/>, recording <paramref name="fault"/>, until the driver is configured again.</summary>
    public void InjectFault(DriverStatus status, HardwareFaultException fault)
    {
        _injectedFault = fault;
        _injectedStatus = status;
    }

    /// <summary>Simulates unplugging: reads fail with <see cref="DeviceDisconnectedException"/> and Configure fails until <see cref="Replug"/>.</summary>
    public void Unplug()
    {
        _unplugged = true;
        InjectFault(DriverStatus.MustDeactivate, new DeviceDisconnectedException($"mirror:{Description.Model}", "the simulated device was unplugged"));
    }

    /// <summary>Ends a simulated unplug; the next Configure succeeds.</summary>
    public void Replug() => _unplugged = false;

    /// <inheritdoc />
    public void Dispose() => State = DriverState.Disposed;

    private bool TryFail(out DriverStatus status)
    {
        status = _injectedStatus;
        if (status == DriverStatus.Ok)
        {
            return false;
        }

        Diagnostics.RecordFault(_injectedFault!);
        return true;
    }

    private void PushHistory(long ticks, double[] positions)
    {
        _newest = (_newest + 1) % _history.Length;
        positions.CopyTo(_history[_newest], 0);
        _historyTicks[_newest] = ticks;
        _stored = Math.Min(_stored + 1, _history.Length);
        _lastWriteTicks = ticks;
    }

    /// <summary>The newest command issued at or before <paramref name="ticks"/>, or the oldest kept.</summary>
    private double[] LaggedCommand(long ticks)
    {
        int index = _newest;
        for (int seen = 0; seen < _stored; seen++)
        {
            if (_historyTicks[index] <= ticks)
            {
                return _history[index];
            }

            index = (index - 1 + _history.Length) % _history.Length;
        }

        return _history[(index + 1) % _history.Length];
    }
}
