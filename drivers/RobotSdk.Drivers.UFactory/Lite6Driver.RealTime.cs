using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory;

/// <summary>The control cycle: one joint read, one servo-j, the gripper when it switches. No allocation, no throwing.</summary>
public sealed partial class Lite6Driver
{
    // Servo-j's speed, acceleration and time are reserved (the SDK's set_servo_angle_j documentation);
    // send what the SDK sends by default: 20 degrees/s, 500 degrees/s², 0.
    private const float ServoSpeed = 0.3490658503988659f;
    private const float ServoAcceleration = 8.726646259971648f;
    private const float ServoTime = 0f;

    private const double GripperRange = Lite6Arm.GripperOpenMeters - Lite6Arm.GripperClosedMeters;
    private const double GripperOpensAbove = Lite6Arm.GripperClosedMeters + (GripperRange * 2 / 3);
    private const double GripperClosesBelow = Lite6Arm.GripperClosedMeters + (GripperRange / 3);

    private static readonly byte[] MeasuredJointStatesRequest = [2];

    private DeviceErrorException? _errorFault;
    private bool _warningKnown;

    /// <inheritdoc />
    public DriverStatus Read(JointFrame state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckFrame(state);
        if (State is not (DriverState.Inactive or DriverState.Active))
        {
            return NotConfigured();
        }

        bool measured = _options.ReadMeasuredJointStates;
        XArmStatus status = _connection.Exchange(
            XArmFunction.GetJointPositions,
            measured ? MeasuredJointStatesRequest : [],
            _data,
            measured ? 2 * XArmPayloads.JointPositionsLength : XArmPayloads.JointPositionsLength,
            _options.ReplyTimeoutMs,
            out XArmStateBits flags,
            out _);
        if (status != XArmStatus.Ok)
        {
            return Failed(status);
        }

        Span<double> positions = state.Positions;
        Span<double> velocities = state.Velocities;
        XArmPayloads.ReadJointBlock(_data, 0, positions[..Lite6Arm.ArmJointCount]);
        if (measured)
        {
            XArmPayloads.ReadJointBlock(_data, 1, velocities[..Lite6Arm.ArmJointCount]);
        }
        else
        {
            velocities[..Lite6Arm.ArmJointCount].Fill(double.NaN);
        }

        positions[Lite6Arm.GripperIndex] = GripperState switch
        {
            Lite6GripperState.Open => Lite6Arm.GripperOpenMeters,
            Lite6GripperState.Closed => Lite6Arm.GripperClosedMeters,
            _ => (Lite6Arm.GripperOpenMeters + Lite6Arm.GripperClosedMeters) / 2,
        };
        velocities[Lite6Arm.GripperIndex] = double.NaN;
        state.Currents.Fill(double.NaN);
        state.TimestampTicks = System.Diagnostics.Stopwatch.GetTimestamp();

        DriverStatus verdict = Judge(flags, XArmFunction.GetJointPositions, expectReady: State == DriverState.Active);
        if (verdict == DriverStatus.Ok)
        {
            ConsecutiveFailures = 0;
        }

        return verdict;
    }

    /// <inheritdoc />
    public DriverStatus Write(JointFrame command)
    {
        ArgumentNullException.ThrowIfNull(command);
        CheckFrame(command);
        if (State != DriverState.Active)
        {
            return State == DriverState.Inactive ? DriverStatus.Ok : NotConfigured(); // not commanding: nothing to send
        }

        ReadOnlySpan<double> positions = command.Positions;
        for (int i = 0; i < Lite6Arm.ArmJointCount; i++)
        {
            double goal = positions[i];
            if (double.IsFinite(goal))
            {
                _goals[i] = (float)Lite6Arm.Clamp(i, goal);
            }
        }

        int length = XArmPayloads.WriteJointMotion(_payload, _goals, ServoSpeed, ServoAcceleration, ServoTime);
        XArmStatus status = _connection.Exchange(XArmFunction.ServoJoint, _payload.AsSpan(0, length), _data, 0, _options.ReplyTimeoutMs, out XArmStateBits flags, out _);
        if (status != XArmStatus.Ok)
        {
            return Failed(status);
        }

        DriverStatus verdict = Judge(flags, XArmFunction.ServoJoint, expectReady: true);
        return verdict == DriverStatus.Ok ? WriteGripper(positions[Lite6Arm.GripperIndex]) : verdict;
    }

    /// <summary>Sends open or close when the command crosses into the other third of the range than last sent.</summary>
    private DriverStatus WriteGripper(double command)
    {
        Lite6GripperState wanted = command > GripperOpensAbove ? Lite6GripperState.Open
            : command < GripperClosesBelow ? Lite6GripperState.Closed
            : GripperState; // NaN, or the middle third: no change
        if (wanted == GripperState || wanted == Lite6GripperState.Unknown)
        {
            return DriverStatus.Ok;
        }

        // As the SDK's open_lite6_gripper (output 0 on, then output 1 off) and close_lite6_gripper (0 off, then 1 on).
        bool open = wanted == Lite6GripperState.Open;
        DriverStatus status = WriteToolOutput(0, open);
        if (status == DriverStatus.Ok)
        {
            status = WriteToolOutput(1, !open);
        }

        if (status == DriverStatus.Ok)
        {
            GripperState = wanted;
        }

        return status;
    }

    private DriverStatus WriteToolOutput(int output, bool on)
    {
        int length = XArmPayloads.WriteToolRegisterWrite(_payload, XArmPayloads.ToolBoardHostId, ToolDigitalOutputs.Register, ToolDigitalOutputs.Encode(output, on), _gripperSync);
        XArmStatus status = _connection.Exchange(XArmFunction.ToolRegisterWrite, _payload.AsSpan(0, length), _data, 0, _options.ReplyTimeoutMs, out XArmStateBits flags, out _);
        return status == XArmStatus.Ok ? Judge(flags, XArmFunction.ToolRegisterWrite, expectReady: false) : Failed(status);
    }

    /// <summary>What a reply's state bits mean for this cycle.</summary>
    private DriverStatus Judge(XArmStateBits flags, XArmFunction function, bool expectReady)
    {
        if ((flags & XArmStateBits.Error) != 0)
        {
            return OnControllerError();
        }

        _errorFault = null;
        if ((flags & XArmStateBits.Warning) != 0)
        {
            OnControllerWarning();
        }
        else
        {
            _warningKnown = false;
        }

        if ((flags & XArmStateBits.Invalid) != 0)
        {
            Diagnostics.RecordFault(_faults.Invalid(function));
            return Transient();
        }

        if (expectReady && (flags & XArmStateBits.NotReady) != 0)
        {
            Diagnostics.RecordFault(_faults.NotReady(function));
            return Transient();
        }

        return DriverStatus.Ok;
    }

    /// <summary>The controller latched an error and stopped the arm: read its code once, then report it every cycle.</summary>
    private DriverStatus OnControllerError()
    {
        if (_errorFault is null)
        {
            XArmStatus status = _connection.Exchange(XArmFunction.GetErrorCodes, [], _codes, 2, _options.ReplyTimeoutMs, out _, out _);
            _errorFault = _faults.ControllerError(status == XArmStatus.Ok ? _codes[0] : 0);
        }

        Diagnostics.CountDeviceError();
        Diagnostics.RecordFault(_errorFault);
        return DriverStatus.MustDeactivate;
    }

    /// <summary>A new warning: read its code once and record it; the arm keeps going.</summary>
    private void OnControllerWarning()
    {
        if (_warningKnown)
        {
            return;
        }

        _warningKnown = true;
        XArmStatus status = _connection.Exchange(XArmFunction.GetErrorCodes, [], _codes, 2, _options.ReplyTimeoutMs, out _, out _);
        Diagnostics.RecordFault(_faults.ControllerWarning(status == XArmStatus.Ok ? _codes[1] : 0));
    }

    private DriverStatus Failed(XArmStatus status) =>
        status == XArmStatus.Disconnected ? DriverStatus.MustDeactivate : Transient();

    private DriverStatus Transient()
    {
        ConsecutiveFailures++;
        return ConsecutiveFailures >= _options.MaxConsecutiveFailures ? DriverStatus.MustDeactivate : DriverStatus.Error;
    }

    private DriverStatus NotConfigured()
    {
        Diagnostics.RecordFault(_notConfigured);
        return DriverStatus.MustDeactivate;
    }

    private void ResetRealTimeState()
    {
        ConsecutiveFailures = 0;
        GripperState = Lite6GripperState.Unknown;
        _errorFault = null;
        _warningKnown = false;
    }

    private static void CheckFrame(JointFrame frame)
    {
        if (frame.Count != Lite6Arm.JointCount)
        {
            throw new ArgumentException($"The Lite 6 has {Lite6Arm.JointCount} joints (six and the gripper); the frame has {frame.Count}.", nameof(frame));
        }
    }
}
