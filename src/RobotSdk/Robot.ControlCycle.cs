using RobotSdk.Hardware;
using RobotSdk.Logging;
using RobotSdk.Safety;

namespace RobotSdk;

/// <summary>The control cycle: read, shape the targets through the safety layer, write, publish.</summary>
public sealed partial class Robot
{
    // Owned by the control thread (and by lifecycle methods under the driver lock).
    private readonly JointFrame _measured;
    private readonly JointFrame _command;
    private readonly double[] _candidate;
    private readonly double[] _desired;
    private readonly double[] _cycleScale;
    private readonly double[] _chainPositions = [];
    private bool _watchdogHolding;

    // Set (under the target lock) by every new command; ends a watchdog hold's report.
    private bool _commandSinceWatchdogTrip;

    // Counters, written by the control cycle only; readers tolerate a stale value.
    private long _cycles;
    private long _readErrors;
    private long _writeErrors;
    private long _watchdogTrips;
    private long _workspaceRejections;
    private long _limitedCycles;

    /// <summary>One control cycle at <paramref name="nowTicks"/> (TimeProvider ticks). Allocation-free in steady state.</summary>
    internal void RunCycle(long nowTicks)
    {
        lock (_driverLock)
        {
            RobotState state = _state;
            if (state is RobotState.Disconnected or RobotState.Disposed)
            {
                return;
            }

            DriverStatus read = Call(write: false);
            if (read == DriverStatus.MustDeactivate)
            {
                if (state != RobotState.Faulted)
                {
                    EnterFault();
                }

                Publish(SafetyInterventions.Fault);
                return;
            }

            bool measuredValid = read == DriverStatus.Ok;
            if (measuredValid)
            {
                _measured.TimestampTicks = nowTicks;
            }

            var interventions = SafetyInterventions.None;
            if (state == RobotState.Active)
            {
                interventions = _emergencyStop ? ApplyEmergencyStop() : ShapeCommand(nowTicks);
                if (_state == RobotState.Active)
                {
                    _command.TimestampTicks = nowTicks;
                    DriverStatus written = Call(write: true);
                    if (written == DriverStatus.MustDeactivate)
                    {
                        EnterFault();
                        interventions |= SafetyInterventions.Fault;
                    }
                    else if (written == DriverStatus.Error)
                    {
                        _writeErrors++;
                    }
                }
            }
            else if (state == RobotState.Faulted)
            {
                interventions = SafetyInterventions.Fault;
            }

            if (!measuredValid)
            {
                _readErrors++;
            }

            Publish(interventions);
            if (measuredValid)
            {
                CompleteReachedMoves();
            }
        }
    }

    private SafetyInterventions ApplyEmergencyStop()
    {
        _shaper.Halt();
        if (_safety.EmergencyStopAction == EmergencyStopAction.TorqueOff)
        {
            _driver.Deactivate();
            _state = RobotState.Inactive;
        }

        // Hold: the command stays where it was, and is written again.
        return SafetyInterventions.EmergencyStop;
    }

    private SafetyInterventions ShapeCommand(long nowTicks)
    {
        var interventions = SafetyInterventions.None;
        bool tripped = false;
        lock (_targetLock)
        {
            if (_commandSinceWatchdogTrip)
            {
                _watchdogHolding = false;
                _commandSinceWatchdogTrip = false;
            }

            for (int i = 0; i < _target.Length; i++)
            {
                JointMode mode = _mode[i];
                if (mode == JointMode.Stream && nowTicks - _targetTicks[i] > _watchdogTicks)
                {
                    mode = JointMode.Stop;
                    tripped = true;
                }

                if (mode == JointMode.Stop)
                {
                    JointLimits limits = _limits[i];
                    _target[i] = Math.Clamp(_shaper.StoppingPoint(i, _command.Positions[i]), limits.MinPosition, limits.MaxPosition);
                    _mode[i] = mode = JointMode.Hold;
                    _speedScale[i] = 1;
                }

                _desired[i] = _target[i];
                _cycleScale[i] = _speedScale[i];
            }

            _watchdogHolding |= tripped;
        }

        if (tripped)
        {
            _watchdogTrips++;
            Log.WatchdogTripped(_logger, Name, _safety.WatchdogTimeoutMs);
        }

        if (_watchdogHolding)
        {
            interventions |= SafetyInterventions.WatchdogHold;
        }

        Span<double> candidate = _candidate;
        _command.Positions.CopyTo(candidate);
        SafetyInterventions limited = _shaper.Step(candidate, _desired, _cycleScale);
        interventions |= limited;
        if (limited != SafetyInterventions.None)
        {
            _limitedCycles++;
        }

        // One read of the chain per cycle: UseKinematics may swap it from another thread.
        if (_workspace is { } box && _kinematics is { } chain && LeavesWorkspace(box, chain, candidate))
        {
            // Refuse the arm's step; the gripper may still move. (Indexed: foreach over the
            // IReadOnlyList would allocate an enumerator every rejected cycle.)
            IReadOnlyList<int> armJoints = chain.FrameIndices;
            for (int k = 0; k < armJoints.Count; k++)
            {
                int joint = armJoints[k];
                candidate[joint] = _command.Positions[joint];
                _shaper.Halt(joint);
            }

            _workspaceRejections++;
            interventions |= SafetyInterventions.Workspace;
        }

        candidate.CopyTo(_command.Positions);
        for (int i = 0; i < candidate.Length; i++)
        {
            _command.Velocities[i] = _shaper.VelocityOf(i);
        }

        return interventions;
    }

    /// <summary>A step is refused when it ends outside the box and not closer to it than before.</summary>
    private bool LeavesWorkspace(WorkspaceBox box, Kinematics.SerialChain chain, ReadOnlySpan<double> candidate)
    {
        chain.Gather(candidate, _chainPositions);
        double after = box.DistanceOutside(chain.ToolPosition(_chainPositions));
        if (after == 0)
        {
            return false;
        }

        chain.Gather(_command.Positions, _chainPositions);
        double before = box.DistanceOutside(chain.ToolPosition(_chainPositions));
        return after >= before;
    }

    private DriverStatus Call(bool write)
    {
        try
        {
            return write ? _driver.Write(_command) : _driver.Read(_measured);
        }
#pragma warning disable CA1031 // A throwing driver must end safe, not kill the control thread.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HardwareFaultException fault = exception as HardwareFaultException
                ?? new HardwareFaultException(Description.Model, null, null, $"driver {(write ? "Write" : "Read")} threw {exception.GetType().Name}: {exception.Message}", exception);
            _driver.Diagnostics.RecordFault(fault);
            return DriverStatus.MustDeactivate;
        }
    }

    private void EnterFault()
    {
        HardwareFaultException fault = _driver.Diagnostics.LastFault
            ?? new HardwareFaultException(Description.Model, null, null, "the driver asked to deactivate without giving a reason");
        try
        {
            _driver.Deactivate();
        }
#pragma warning disable CA1031 // Best effort: the bus may be gone; the fault is already being reported.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.DeactivationFailed(_logger, Name, exception);
        }

        Volatile.Write(ref _fault, fault);
        _state = RobotState.Faulted;
        Log.Faulted(_logger, Name, fault.Message, fault);
        FailMoves(new RobotHaltedException($"Robot '{Name}': driver fault, torque off: {fault.Message}", fault));
        EventHandler<HardwareFaultException>? handler = Faulted;
        if (handler is not null)
        {
            ThreadPool.QueueUserWorkItem(_ => handler(this, fault));
        }
    }

    private void Publish(SafetyInterventions interventions)
    {
        lock (_publishLock)
        {
            _publishedMeasured.CopyFrom(_measured);
            _publishedCommand.CopyFrom(_command);
            _publishedInterventions = interventions;
            _cycles++;
        }
    }

    private void CompleteReachedMoves()
    {
        foreach (JointGroup group in _groups)
        {
            group.CompleteIfReached(_measured.Positions);
        }
    }
}
