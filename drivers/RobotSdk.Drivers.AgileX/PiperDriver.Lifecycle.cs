using System.Diagnostics;
using System.Globalization;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>Configure, Activate and Deactivate: they may block (bounded) and throw typed hardware faults.</summary>
public sealed partial class PiperDriver
{
    /// <summary>How often Activate repeats its mode and enable commands while it waits, as piper_ros repeats EnableArm.</summary>
    private const int EnableRepeatMs = 500;

    /// <inheritdoc />
    /// <exception cref="DeviceUnavailableException">The adapter or interface cannot be opened.</exception>
    /// <exception cref="HardwareTimeoutException">No feedback from the arm; the message says what to check.</exception>
    /// <exception cref="DeviceErrorException">The arm reports a fault (emergency stop, collision, joint communication error...).</exception>
    public void Configure()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        State = DriverState.Unconfigured;
        _consecutiveFailures = 0;
        _bus.Close();
        _bus.Open(_options.Bitrate);
        try
        {
            _feedback.Reset();
            _lastTransmitErrors = _bus.Statistics.TransmitErrors;
            WaitForFeedback();
            ThrowIfArmFault();

            // Inactive means torque off, whatever an earlier program left on.
            SendDisable();
        }
        catch
        {
            CloseQuietly();
            throw;
        }

        State = DriverState.Inactive;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException"><paramref name="mode"/> is not <see cref="CommandMode.Position"/>.</exception>
    /// <exception cref="InvalidOperationException">The driver is not configured and inactive.</exception>
    /// <exception cref="HardwareTimeoutException">The arm did not report CAN control and its motors enabled in time.</exception>
    /// <exception cref="DeviceErrorException">The arm reports a fault.</exception>
    public void Activate(CommandMode mode)
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        if (mode != CommandMode.Position)
        {
            throw new NotSupportedException($"The {PiperArm.Model} driver accepts position commands only, not {mode}.");
        }

        if (State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The {PiperArm.Model} driver is {State}; configure it before activating.");
        }

        try
        {
            DrainForLifecycle(0);
            ThrowIfArmFault();
            WaitUntilEnabled();

            // Goal := present, so the arm holds where it is; then the gripper, enabled at its present opening.
            _feedback.Positions.AsSpan().CopyTo(_goals);
            SendJointTargets();
            SendGripper(Stopwatch.GetTimestamp());
        }
        catch
        {
            TryDisable();
            throw;
        }

        _consecutiveFailures = 0;
        State = DriverState.Active;
    }

    /// <inheritdoc />
    public void Deactivate()
    {
        if (State == DriverState.Disposed)
        {
            return;
        }

        TryDisable();
        if (State == DriverState.Active)
        {
            State = DriverState.Inactive;
        }
    }

    /// <summary>Receives until every joint pair, the gripper and the arm status have reported, or the connect timeout passes.</summary>
    private void WaitForFeedback()
    {
        var deadline = Stopwatch.StartNew();
        long frames = 0;
        uint errorClasses = 0;
        while (!(_feedback.HasPositions && _feedback.ArmStatusTicks != 0))
        {
            int remaining = _options.ConnectTimeoutMs - (int)deadline.ElapsedMilliseconds;
            if (remaining <= 0 || !_bus.TryReceive(out CanFrame frame, remaining))
            {
                throw new HardwareTimeoutException(_bus.Name, null, null, DescribeMissingFeedback(frames, errorClasses));
            }

            frames++;
            if (frame.IsError)
            {
                errorClasses |= frame.Id;
                continue;
            }

            if (_feedback.Apply(frame, Stopwatch.GetTimestamp()) == FeedbackFrameKind.Malformed)
            {
                Diagnostics.CountCorruptReply();
            }
        }
    }

    private string DescribeMissingFeedback(long frames, uint errorClasses)
    {
        var missing = new List<string>();
        if (_feedback.ArmStatusTicks == 0)
        {
            missing.Add("arm status 0x2A1");
        }

        for (int pair = 0; pair < PiperProtocol.JointPairCount; pair++)
        {
            if (!_feedback.HasJointPair(pair))
            {
                missing.Add(string.Create(CultureInfo.InvariantCulture, $"joints {(2 * pair) + 1}-{(2 * pair) + 2} 0x{PiperCanIds.JointFeedback12 + pair:X3}"));
            }
        }

        if (_feedback.GripperTicks == 0)
        {
            missing.Add("gripper 0x2A8");
        }

        string what = frames == 0
            ? "no CAN frames at all"
            : string.Create(CultureInfo.InvariantCulture, $"{frames} CAN frames but no {string.Join(", ", missing)}");
        string errors = errorClasses == 0 ? string.Empty : $" The CAN controller reported {PiperFaults.DescribeErrorClass(errorClasses)}.";
        return string.Create(CultureInfo.InvariantCulture,
            $"no feedback from the PiPER within {_options.ConnectTimeoutMs} ms ({what}).{errors} Check that the arm is powered on, that CAN_H and CAN_L reach the adapter (with 120 ohm termination), that the bus runs at {_options.Bitrate / 1000} kbit/s (SocketCAN: sudo ip link set can0 up type can bitrate {_options.Bitrate}), and that the USB-CAN adapter is plugged in.");
    }

    /// <summary>Sends CAN control, MOVE J and the speed, then enable-all, repeating both until the arm reports them or the enable timeout passes.</summary>
    private void WaitUntilEnabled()
    {
        var elapsed = Stopwatch.StartNew();
        long repeatTicks = EnableRepeatMs * Stopwatch.Frequency / 1000;
        long sentAt = 0;
        long lastSend = 0;
        while (true)
        {
            long now = Stopwatch.GetTimestamp();
            if (sentAt == 0 || now - lastSend >= repeatTicks)
            {
                _bus.Send(PiperProtocol.EncodeMotionControl(new MotionControlCommand(ControlMode.CanControl, MoveMode.Joint, _options.SpeedPercent, MitMode.PositionSpeed)));
                _bus.Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, Enable: true)));
                sentAt = sentAt == 0 ? now : sentAt;
                lastSend = now;
            }

            DrainForLifecycle(5);
            ThrowIfArmFault();
            bool inCanControl = _feedback.ArmStatusTicks > sentAt && _feedback.ArmStatus.ControlMode == ControlMode.CanControl;
            if (inCanControl && _feedback.MotorsReportEnabled(sentAt))
            {
                return;
            }

            if (elapsed.ElapsedMilliseconds > _options.EnableTimeoutMs)
            {
                throw new HardwareTimeoutException(_bus.Name, null, "motor enable (0x471)", DescribeEnableFailure(sentAt));
            }
        }
    }

    private string DescribeEnableFailure(long sentAt)
    {
        ArmStatusFeedback status = _feedback.ArmStatus;
        var disabled = new List<int>();
        for (int motor = 1; motor <= PiperCanIds.ArmJointCount; motor++)
        {
            if (_feedback.HasLowSpeed(motor) && (_feedback.MotorStatus[motor - 1] & MotorDriverStatus.Enabled) == 0)
            {
                disabled.Add(motor);
            }
        }

        string motors = disabled.Count == 0 ? "every motor reports enabled" : $"motors {string.Join(", ", disabled)} report disabled";
        string mode = _feedback.ArmStatusTicks > sentAt ? status.ControlMode.ToString() : "no fresh status";
        return string.Create(CultureInfo.InvariantCulture,
            $"the arm did not take CAN control with its motors enabled within {_options.EnableTimeoutMs} ms (control mode: {mode}; {motors}); is it in teach mode, a leader arm, or held by its emergency stop?");
    }

    /// <summary>Takes the frames that arrive within <paramref name="waitMs"/> (and those already there) into the state.</summary>
    private void DrainForLifecycle(int waitMs)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            int remaining = Math.Max(0, waitMs - (int)elapsed.ElapsedMilliseconds);
            if (!_bus.TryReceive(out CanFrame frame, remaining))
            {
                return;
            }

            if (frame.IsError)
            {
                if (PiperFaults.IsSerious(frame.Id))
                {
                    throw _faults.BusError(frame.Id);
                }

                continue;
            }

            if (_feedback.Apply(frame, Stopwatch.GetTimestamp()) == FeedbackFrameKind.Malformed)
            {
                Diagnostics.CountCorruptReply();
            }
        }
    }

    private void ThrowIfArmFault()
    {
        ArmStatusFeedback status = _feedback.ArmStatus;
        if (status.IsFault)
        {
            DeviceErrorException fault = _faults.ArmFault(status);
            Diagnostics.CountDeviceError();
            Diagnostics.RecordFault(fault);
            throw fault;
        }
    }

    /// <summary>Disables all motors and the gripper.</summary>
    private void SendDisable()
    {
        _bus.Send(PiperProtocol.EncodeMotorEnable(new MotorEnableCommand(MotorEnableCommand.AllMotors, Enable: false)));
        _bus.Send(PiperProtocol.EncodeGripperControl(new GripperCommand(_feedback.Positions[PiperArm.GripperJointIndex], _options.GripperEffortNewtonMeters, GripperCode.Disable)));
    }

    /// <summary>Disables, best effort: the bus may be closed or gone, and the fault that led here is already recorded.</summary>
    private void TryDisable()
    {
        try
        {
            if (_bus.IsOpen)
            {
                SendDisable();
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // Best effort.
        }
    }

    private void CloseQuietly()
    {
        try
        {
            _bus.Close();
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // The bus is already unusable; the exception being thrown says why.
        }
    }
}
