namespace RobotSdk.Policy.Runner;

/// <summary>The control thread: one arm target per step at absolute deadlines, allocating nothing.</summary>
internal sealed partial class PolicyRun
{
    // Steps with actions before the allocation measurement starts (JIT, first calls, static initialization).
    private const long AllocationWarmupSteps = 50;

    private float[] _action = [];
    private double[] _armTargets = [];
    private double[] _armCandidate = [];
    private double[] _gripperTargets = [];
    private double[] _gripperCandidate = [];
    private double[] _gripperSent = [];
    private CommandIntervalRecorder _commandIntervals = null!;
    private long _sleepThresholdTicks;
    private bool _hadAction;
    private long _steps;
    private long _executed;
    private long _startupSteps;
    private long _heldSteps;
    private long _holdRun;
    private long _longestHold;
    private long _missedSteps;
    private long _mapFailures;
    private string? _lastMapProblem;
    private long _allocatedBytes;
    private long _allocationMeasuredSteps;

    private void InitializeControl()
    {
        _action = new float[_dimensions];
        _armTargets = new double[_embodiment.ArmJointCount];
        _armCandidate = new double[_embodiment.ArmJointCount];
        _gripperTargets = new double[_embodiment.GripperCount];
        _gripperCandidate = new double[_embodiment.GripperCount];
        _gripperSent = new double[_embodiment.GripperCount];
        Array.Fill(_gripperTargets, double.NaN);
        Array.Fill(_gripperSent, double.NaN);
        _commandIntervals = new CommandIntervalRecorder(_time.TimestampFrequency, lateTicks: _periodTicks * 3 / 2);

        // Sleep while the deadline is further than 1.5 ms away (Linux sleeps overshoot), spin the rest.
        _sleepThresholdTicks = _time.TimestampFrequency * 3 / 2000;

        // Until the first chunk, the arm holds where it is.
        _robot.Arm.ReadSentPositions(_armTargets);
    }

    private void ControlThreadMain()
    {
        try
        {
            long deadline = _time.GetTimestamp();
            long step = 0;
            while (step < _totalSteps && !IsStopping)
            {
                WaitUntil(deadline);
                if (_robot.IsEmergencyStopped)
                {
                    RequestStop(PolicyRunStopReason.EmergencyStop);
                    break;
                }

                if (_robot.State != RobotState.Active)
                {
                    // Say why: a fault's message names the joint or link; otherwise someone deactivated it.
                    AddFailure(_robot.Fault is { } fault
                        ? $"the robot faulted and turned torque off: {fault.Message}"
                        : $"the robot left the Active state ({_robot.State}) during the run");
                    RequestStop(PolicyRunStopReason.RobotInactive);
                    break;
                }

                RunStep(step);
                step++;
                Volatile.Write(ref _nextStep, step);
                _stepTicked.Set();
                deadline += _periodTicks;

                // Descheduled past whole periods: skip those deadlines (and their steps, so chunk rows
                // stay tied to time) instead of bunching commands; a step merely late runs at once.
                long late = _time.GetTimestamp() - deadline;
                if (late >= _periodTicks)
                {
                    long missed = late / _periodTicks;
                    deadline += missed * _periodTicks;
                    step += missed;
                    _missedSteps += missed;
                    Volatile.Write(ref _nextStep, step);
                }
            }

            RequestStop(PolicyRunStopReason.DurationElapsed);
        }
        catch (RobotHaltedException exception)
        {
            // The e-stop or a deactivation landed between the check and the command.
            AddFailure($"the robot refused a command: {exception.Message}");
            RequestStop(_robot.IsEmergencyStopped ? PolicyRunStopReason.EmergencyStop : PolicyRunStopReason.RobotInactive);
        }
#pragma warning disable CA1031 // Whatever ends the control thread must end the run and be reported.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AddFailure($"the control thread failed: {exception}");
            RequestStop(PolicyRunStopReason.ControlFailure);
        }
        finally
        {
            _stepTicked.Set();
            _controlEnded.TrySetResult();
        }
    }

    /// <summary>One control step: the action for <paramref name="step"/> mapped and sent, or the last target again.</summary>
    private void RunStep(long step)
    {
        bool measure = _executed >= AllocationWarmupSteps;
        long allocatedBefore = measure ? GC.GetAllocatedBytesForCurrentThread() : 0;
        if (_queue.TryGetAction(step, _action, out ActionAnchor? anchor))
        {
            _hadAction = true;
            _armTargets.CopyTo(_armCandidate, 0);
            Array.Fill(_gripperCandidate, double.NaN);
            if (_embodiment.TryMapAction(_action, anchor!, _armCandidate, _gripperCandidate, out string? problem))
            {
                _armCandidate.CopyTo(_armTargets, 0);
                _gripperCandidate.CopyTo(_gripperTargets, 0);
                _executed++;
                _holdRun = 0;
            }
            else
            {
                // Hold the previous target rather than send something the adapter could not make sense of.
                _mapFailures++;
                _lastMapProblem = problem;
            }

            _queue.ReleaseAnchor();
        }
        else if (_hadAction)
        {
            _heldSteps++;
            _holdRun++;
            _longestHold = Math.Max(_longestHold, _holdRun);
        }
        else
        {
            _startupSteps++;
        }

        _robot.Arm.SetTargetPositions(_armTargets);
        _commandIntervals.Record(_time.GetTimestamp(), step);
        for (int g = 0; g < _gripperTargets.Length; g++)
        {
            double fraction = _gripperTargets[g];
            if (!double.IsNaN(fraction) && fraction != _gripperSent[g])
            {
                _robot.Grippers[g].SetOpenFraction(Math.Clamp(fraction, 0, 1));
                _gripperSent[g] = fraction;
            }
        }

        _steps++;
        if (measure)
        {
            _allocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            _allocationMeasuredSteps++;
        }
    }

    private void WaitUntil(long deadline)
    {
        while (!IsStopping)
        {
            long remaining = deadline - _time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > _sleepThresholdTicks)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
