using System.Globalization;
using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory.Emulation;

/// <summary>
/// The behaviour of a Lite 6 control box behind port 502, without the network: motion enable, state
/// (move, pause, stop), mode (takes effect with the next state 0), error and warning codes, joint
/// limits, the tool outputs that drive the gripper, and the state bits of every reply. The joints
/// live only in the <see cref="IJointBackend"/> (joints 0..5 the arm, joint 6 the gripper when the
/// backend has one). Thread-safe.
/// </summary>
/// <remarks>
/// Modelled after the SDK's documentation and how the SDK reads the replies; what a real controller
/// does beyond that is an assumption, marked as such:
/// <list type="bullet">
/// <item>Not ready (state bit 0x10) while any motor is disabled, the state is "stopped" or an error is
/// latched; a motion request then does nothing. A mode change stops the arm until state 0 is set
/// (the SDK always follows <c>set_mode</c> with <c>set_state(0)</c>) - an assumption.</item>
/// <item>Servo-j in another mode than 1 (and move-joint in another mode than 0) is ignored without a
/// state bit: the SDK only warns from the reported mode, which implies the reply looks normal - an
/// assumption.</item>
/// <item>A target beyond a joint limit latches error C23 (Joints Angle Exceed Limit) and stops the
/// arm - an assumption; the SDK refuses such targets before sending them.</item>
/// <item>An error stops the arm (goals := present, state 4) with the motors still enabled; enabling
/// motion is refused while an error is latched; clearing the error leaves the arm stopped.</item>
/// <item>Unknown function codes get the "invalid" bit (0x08) and no data - an assumption.</item>
/// </list>
/// </remarks>
internal sealed class EmulatedController
{
    private const double LimitTolerance = 1e-4; // fp32 rounding of a goal clamped to the limit in double

    private readonly Lock _lock = new();
    private readonly IJointBackend _backend;
    private readonly string _versionText;
    private readonly bool[] _enabled = new bool[Lite6Arm.ArmJointCount];
    private readonly double[] _targets = new double[XArmPayloads.JointSlots];
    private readonly long[] _requestCounts = new long[256];
    private RunState _run = RunState.Stopped;
    private ControllerMode _mode = ControllerMode.Position;
    private ControllerMode _pendingMode = ControllerMode.Position;
    private int _errorCode;
    private int _warningCode;
    private int _toolOutputs;

    public EmulatedController(IJointBackend backend, Version firmware)
    {
        _backend = backend;
        _versionText = string.Create(CultureInfo.InvariantCulture, $"6,{ControllerVersion.Lite6Type},LIEMULATED,ACEMULATED,v{firmware.Major}.{firmware.Minor}.{firmware.Build}");
        if (HasGripper)
        {
            _backend.SetTorqueEnabled(Lite6Arm.GripperIndex, true);
        }
    }

    private enum RunState
    {
        Running,
        Paused,
        Stopped,
    }

    public bool HasGripper => _backend.JointCount > Lite6Arm.GripperIndex;

    public ControllerMode Mode
    {
        get
        {
            lock (_lock)
            {
                return _mode;
            }
        }
    }

    public ControllerState State
    {
        get
        {
            lock (_lock)
            {
                return ReportedState();
            }
        }
    }

    public bool IsMotionEnabled
    {
        get
        {
            lock (_lock)
            {
                return Array.TrueForAll(_enabled, enabled => enabled);
            }
        }
    }

    public bool IsReady
    {
        get
        {
            lock (_lock)
            {
                return Ready();
            }
        }
    }

    public int ErrorCode
    {
        get
        {
            lock (_lock)
            {
                return _errorCode;
            }
        }
    }

    public int WarningCode
    {
        get
        {
            lock (_lock)
            {
                return _warningCode;
            }
        }
    }

    public int ToolOutputs
    {
        get
        {
            lock (_lock)
            {
                return _toolOutputs;
            }
        }
    }

    public long GetRequestCount(XArmFunction function) => Interlocked.Read(ref _requestCounts[(byte)function]);

    public void CountRequest(XArmFunction function) => Interlocked.Increment(ref _requestCounts[(byte)function]);

    public void InjectError(int code)
    {
        lock (_lock)
        {
            _errorCode = code;
            Stop();
        }
    }

    public void InjectWarning(int code)
    {
        lock (_lock)
        {
            _warningCode = code;
        }
    }

    /// <summary>Acts on <paramref name="request"/> and writes the reply's data into <paramref name="data"/>.</summary>
    /// <returns>The length of the reply's data.</returns>
    public int Handle(XArmRequest request, Span<byte> data, out XArmStateBits state)
    {
        lock (_lock)
        {
            bool valid = true;
            int length = 0;
            ReadOnlySpan<byte> payload = request.Payload;
            switch (request.Function)
            {
                case XArmFunction.GetVersion:
                    length = XArmPayloads.WriteVersionText(data, _versionText);
                    break;
                case XArmFunction.MotionEnable:
                    valid = payload.Length >= 2 && EnableMotion(payload[0], payload[1] != 0);
                    break;
                case XArmFunction.SetState:
                    valid = payload.Length >= 1 && SetState(payload[0]);
                    break;
                case XArmFunction.GetState:
                    data[0] = (byte)ReportedState();
                    length = 1;
                    break;
                case XArmFunction.GetCommandCount:
                    data[0] = 0; // no queue is modelled: moves take effect at once
                    data[1] = 0;
                    length = 2;
                    break;
                case XArmFunction.GetErrorCodes:
                    data[0] = (byte)_errorCode;
                    data[1] = (byte)_warningCode;
                    length = 2;
                    break;
                case XArmFunction.CleanError:
                    _errorCode = 0;
                    break;
                case XArmFunction.CleanWarning:
                    _warningCode = 0;
                    break;
                case XArmFunction.SetMode:
                    valid = payload.Length >= 1 && SetMode(payload[0]);
                    break;
                case XArmFunction.MoveJoint:
                    valid = payload.Length >= XArmPayloads.JointMotionLength;
                    if (valid && Ready() && _mode == ControllerMode.Position)
                    {
                        MoveTo(payload);
                    }

                    break;
                case XArmFunction.ServoJoint:
                    valid = payload.Length >= XArmPayloads.JointMotionLength;
                    if (valid && Ready() && _mode == ControllerMode.Servo)
                    {
                        MoveTo(payload);
                    }

                    break;
                case XArmFunction.GetJointPositions:
                    length = WriteJoints(payload, data, out valid);
                    break;
                case XArmFunction.ToolRegisterWrite:
                    valid = WriteToolRegister(payload);
                    break;
                default:
                    valid = false;
                    break;
            }

            state = Bits(valid);
            return length;
        }
    }

    private XArmStateBits Bits(bool valid)
    {
        XArmStateBits bits = XArmStateBits.None;
        if (!valid)
        {
            bits |= XArmStateBits.Invalid;
        }

        if (!Ready())
        {
            bits |= XArmStateBits.NotReady;
        }

        if (_warningCode != 0)
        {
            bits |= XArmStateBits.Warning;
        }

        if (_errorCode != 0)
        {
            bits |= XArmStateBits.Error;
        }

        return bits;
    }

    private bool Ready() => _errorCode == 0 && _run != RunState.Stopped && Array.TrueForAll(_enabled, enabled => enabled);

    private ControllerState ReportedState()
    {
        if (_run == RunState.Stopped || !Array.TrueForAll(_enabled, enabled => enabled))
        {
            return ControllerState.Stopped;
        }

        if (_run == RunState.Paused)
        {
            return ControllerState.Paused;
        }

        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            if (Math.Abs(_backend.GetPresentVelocity(joint)) > 1e-3)
            {
                return ControllerState.Moving;
            }
        }

        return ControllerState.Sleeping;
    }

    private bool EnableMotion(byte servoId, bool enable)
    {
        if (enable && _errorCode != 0)
        {
            return false; // clear the error first
        }

        if (servoId is < 1 or > Lite6Arm.ArmJointCount and not XArmPayloads.AllServos)
        {
            return false;
        }

        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            if (servoId == XArmPayloads.AllServos || servoId == joint + 1)
            {
                _enabled[joint] = enable;
                _backend.SetTorqueEnabled(joint, enable);
            }
        }

        if (!enable)
        {
            _run = RunState.Stopped;
        }

        return true;
    }

    private bool SetState(byte state)
    {
        switch ((ControllerStateCommand)state)
        {
            case ControllerStateCommand.Move:
                if (_errorCode == 0 && Array.TrueForAll(_enabled, enabled => enabled))
                {
                    _mode = _pendingMode;
                    _run = RunState.Running;
                }

                return true;
            case ControllerStateCommand.Pause:
                if (_run == RunState.Running)
                {
                    _run = RunState.Paused;
                    Hold();
                }

                return true;
            case ControllerStateCommand.Stop:
            case ControllerStateCommand.DecelerateAndStop:
                Stop();
                return true;
            default:
                return false;
        }
    }

    private bool SetMode(byte mode)
    {
        if (mode > (byte)ControllerMode.CartesianOnlinePlanning || mode == 3)
        {
            return false; // 3 (Cartesian teaching) is documented as invalid
        }

        _pendingMode = (ControllerMode)mode;
        Stop();
        return true;
    }

    private void MoveTo(ReadOnlySpan<byte> payload)
    {
        XArmPayloads.ReadJointMotion(payload, _targets, out _, out _, out _);
        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            JointLimits limits = Lite6Arm.LimitsOf(joint);
            double target = _targets[joint];
            if (!(target >= limits.MinPosition - LimitTolerance && target <= limits.MaxPosition + LimitTolerance))
            {
                _errorCode = 23; // Joints Angle Exceed Limit
                Stop();
                return;
            }
        }

        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            _backend.SetGoalPosition(joint, _targets[joint]);
        }
    }

    private int WriteJoints(ReadOnlySpan<byte> payload, Span<byte> data, out bool valid)
    {
        int blocks = payload.IsEmpty ? 1 : payload[0] & 0x0F;
        valid = blocks is >= 1 and <= 3;
        if (!valid)
        {
            return 0;
        }

        Span<double> values = stackalloc double[XArmPayloads.JointSlots];
        for (int block = 0; block < blocks; block++)
        {
            values.Clear();
            for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
            {
                values[joint] = block switch
                {
                    0 => _backend.GetPresentPosition(joint),
                    1 => _backend.GetPresentVelocity(joint),
                    _ => _backend.GetPresentCurrent(joint),
                };
            }

            XArmPayloads.WriteJointBlock(data, block, values);
        }

        return blocks * XArmPayloads.JointPositionsLength;
    }

    private bool WriteToolRegister(ReadOnlySpan<byte> payload)
    {
        if (!XArmPayloads.TryReadToolRegisterWrite(payload, out byte host, out ushort register, out ushort value))
        {
            return false;
        }

        if (host == XArmPayloads.ToolBoardHostId && register == ToolDigitalOutputs.Register)
        {
            _toolOutputs = ToolDigitalOutputs.Apply(_toolOutputs, value);
            DriveGripper();
        }

        return true;
    }

    /// <summary>Output 0 on and 1 off opens, 0 off and 1 on closes, anything else stops the fingers where they are.</summary>
    private void DriveGripper()
    {
        if (!HasGripper)
        {
            return;
        }

        double goal = (_toolOutputs & 0b11) switch
        {
            0b01 => Lite6Arm.GripperOpenMeters,
            0b10 => Lite6Arm.GripperClosedMeters,
            _ => _backend.GetPresentPosition(Lite6Arm.GripperIndex),
        };
        _backend.SetGoalPosition(Lite6Arm.GripperIndex, goal);
    }

    private void Stop()
    {
        _run = RunState.Stopped;
        Hold();
    }

    private void Hold()
    {
        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            _backend.SetGoalPosition(joint, _backend.GetPresentPosition(joint));
        }
    }
}
