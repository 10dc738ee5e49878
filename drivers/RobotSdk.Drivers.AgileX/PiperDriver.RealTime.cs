using System.Diagnostics;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>Read and Write: the control thread's path, without allocation and without throwing for hardware faults.</summary>
public sealed partial class PiperDriver
{
    /// <inheritdoc />
    public DriverStatus Read(JointFrame state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckFrame(state);
        if (State is not (DriverState.Inactive or DriverState.Active))
        {
            return NotConfigured();
        }

        Diagnostics.CountTransaction();
        DriverStatus drained = Drain();
        if (drained != DriverStatus.Ok)
        {
            return drained;
        }

        ArmStatusFeedback status = _feedback.ArmStatus;
        if (status.IsFault)
        {
            Diagnostics.CountDeviceError();
            Diagnostics.RecordFault(_faults.ArmFault(status));
            return DriverStatus.MustDeactivate;
        }

        if (State == DriverState.Active && status.ControlMode != ControlMode.CanControl)
        {
            Diagnostics.CountDeviceError();
            Diagnostics.RecordFault(_faults.LeftCanControl(status.ControlMode));
            return DriverStatus.MustDeactivate;
        }

        if (Stopwatch.GetTimestamp() - _feedback.OldestPositionTicks > _staleTicks)
        {
            Diagnostics.CountTimeout();
            return Fail(_faults.Stale);
        }

        long transmitErrors = _bus.Statistics.TransmitErrors;
        if (transmitErrors != _lastTransmitErrors)
        {
            _lastTransmitErrors = transmitErrors;
            Diagnostics.CountDeviceError();
            return Fail(_faults.AdapterRefused);
        }

        Fill(state);
        _consecutiveFailures = 0;
        return DriverStatus.Ok;
    }

    /// <inheritdoc />
    public DriverStatus Write(JointFrame command)
    {
        ArgumentNullException.ThrowIfNull(command);
        CheckFrame(command);
        if (State != DriverState.Active)
        {
            return State == DriverState.Inactive ? DriverStatus.Ok : NotConfigured(); // torque off: nothing to send
        }

        Diagnostics.CountTransaction();
        ReadOnlySpan<double> positions = command.Positions;
        for (int i = 0; i < PiperArm.JointCount; i++)
        {
            double position = positions[i];
            if (double.IsFinite(position))
            {
                _goals[i] = Math.Clamp(position, PiperArm.MinPosition(i), PiperArm.MaxPosition(i));
            }

            // A NaN (or infinite) command repeats the last goal.
        }

        try
        {
            SendJointTargets();
            long now = Stopwatch.GetTimestamp();
            if (PiperUnits.MetresToMicrometres(_goals[PiperArm.GripperJointIndex]) != _lastGripperGoalMicrometres
                || now - _lastGripperSendTicks >= _gripperRefreshTicks)
            {
                SendGripper(now);
            }
        }
        catch (DeviceDisconnectedException exception)
        {
            Diagnostics.RecordFault(exception);
            return DriverStatus.MustDeactivate;
        }
        catch (HardwareFaultException exception)
        {
            // A send that timed out (a full transmit queue: bus-off) may clear; a run of them may not.
            return Fail(exception);
        }
        catch (InvalidOperationException)
        {
            return NotConfigured(); // the bus was closed under the driver
        }

        return DriverStatus.Ok;
    }

    /// <summary>Sends the three joint target frames from <see cref="_goals"/>.</summary>
    private void SendJointTargets()
    {
        for (int pair = 0; pair < PiperProtocol.JointPairCount; pair++)
        {
            _bus.Send(PiperProtocol.EncodeJointTargets(pair, _goals[2 * pair], _goals[(2 * pair) + 1]));
        }
    }

    /// <summary>Sends the gripper goal, enabled, and remembers what and when.</summary>
    private void SendGripper(long nowTicks)
    {
        double stroke = _goals[PiperArm.GripperJointIndex];
        _bus.Send(PiperProtocol.EncodeGripperControl(new GripperCommand(stroke, _options.GripperEffortNewtonMeters, GripperCode.Enable)));
        _lastGripperGoalMicrometres = PiperUnits.MetresToMicrometres(stroke);
        _lastGripperSendTicks = nowTicks;
    }

    /// <summary>
    /// Takes every frame that has arrived (at most <see cref="PiperDriverOptions.MaxFramesPerRead"/>)
    /// into the state. MustDeactivate for a vanished adapter or a serious SocketCAN error frame.
    /// </summary>
    private DriverStatus Drain()
    {
        bool busFault = false;
        for (int count = 0; count < _options.MaxFramesPerRead; count++)
        {
            CanFrame frame;
            try
            {
                if (!_bus.TryReceive(out frame, 0))
                {
                    break;
                }
            }
            catch (HardwareFaultException exception)
            {
                Diagnostics.RecordFault(exception);
                return DriverStatus.MustDeactivate;
            }
            catch (InvalidOperationException)
            {
                return NotConfigured();
            }

            if (frame.IsError)
            {
                if (PiperFaults.IsSerious(frame.Id))
                {
                    Diagnostics.RecordFault(_faults.BusError(frame.Id));
                    busFault = true;
                }

                continue;
            }

            if (_feedback.Apply(frame, Stopwatch.GetTimestamp()) == FeedbackFrameKind.Malformed)
            {
                Diagnostics.CountCorruptReply();
            }
        }

        return busFault ? DriverStatus.MustDeactivate : DriverStatus.Ok;
    }

    private void Fill(JointFrame state)
    {
        Span<double> positions = state.Positions;
        Span<double> velocities = state.Velocities;
        Span<double> currents = state.Currents;
        _feedback.Positions.CopyTo(positions);
        for (int motor = 1; motor <= PiperCanIds.ArmJointCount; motor++)
        {
            bool measured = _feedback.HasHighSpeed(motor);
            velocities[motor - 1] = measured ? _feedback.Velocities[motor - 1] : double.NaN;
            currents[motor - 1] = measured ? _feedback.Currents[motor - 1] : double.NaN;
        }

        // The gripper's speed and current are not in its feedback.
        velocities[PiperArm.GripperJointIndex] = double.NaN;
        currents[PiperArm.GripperJointIndex] = double.NaN;
        state.TimestampTicks = _feedback.NewestJointTicks;
    }

    /// <summary>Records a transient failure; MustDeactivate once there have been too many in a row.</summary>
    private DriverStatus Fail(HardwareFaultException fault)
    {
        Diagnostics.RecordFault(fault);
        _consecutiveFailures++;
        return _consecutiveFailures >= _options.MaxConsecutiveFailures ? DriverStatus.MustDeactivate : DriverStatus.Error;
    }

    private DriverStatus NotConfigured()
    {
        if (Diagnostics.LastFault is null)
        {
            Diagnostics.RecordFault(_faults.NotConfigured);
        }

        return DriverStatus.MustDeactivate;
    }

    private static void CheckFrame(JointFrame frame)
    {
        if (frame.Count != PiperArm.JointCount)
        {
            throw new ArgumentException($"The {PiperArm.Model} has {PiperArm.JointCount} joints (six and the gripper); the frame has {frame.Count}.", nameof(frame));
        }
    }
}
