using RobotSdk.Geometry;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Emulation;

/// <summary>The arm's controller: what each command does, how the joints follow, what the feedback says.</summary>
public sealed partial class PiperEmulator
{
    /// <summary>How far past a limit a joint may sit before the status flags it (the arm at rest sits on the limits of joints 2 and 3).</summary>
    private const double AngleLimitToleranceRadians = 0.5 * Math.PI / 180;

    /// <summary>Within this distance of its target a joint counts as arrived.</summary>
    private const double ReachedToleranceRadians = 0.5 * Math.PI / 180;

    /// <summary>Supply voltage reported by the motors (the PiPER runs on 24 V).</summary>
    private const double SupplyVolts = 24.0;

    /// <inheritdoc />
    public void OnFrameReceived(in CanFrame frame)
    {
        Interlocked.Increment(ref _framesReceived[frame.Id & CanFrame.MaxStandardId]);
        lock (_lock)
        {
            if (!_poweredOn)
            {
                return;
            }

            if (PiperProtocol.TryDecodeJointTargets(frame, out int pair, out double first, out double second))
            {
                OnJointTargets(pair, first, second);
            }
            else if (PiperProtocol.TryDecodeGripperControl(frame, out GripperCommand gripper))
            {
                OnGripper(gripper);
            }
            else if (PiperProtocol.TryDecodeMotionControl(frame, out MotionControlCommand motion))
            {
                OnMotionControl(motion);
            }
            else if (PiperProtocol.TryDecodeMotorEnable(frame, out MotorEnableCommand enable))
            {
                OnMotorEnable(enable);
            }
        }
    }

    /// <summary>Power-on state: standby, MOVE P, speed 0, every motor disabled, targets at the present positions.</summary>
    private void ResetController()
    {
        _controlMode = ControlMode.Standby;
        _moveMode = MoveMode.Point;
        _mitMode = MitMode.PositionSpeed;
        _speedPercent = 0;
        _injectedStatus = ArmStatus.Normal;
        _injectedErrors = ArmErrors.None;
        _targetBeyondLimit = false;
        _gripperEffort = 0;
        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            SetEnabled(joint, false);
        }

        HoldWhereTheJointsAre();
    }

    private void OnMotionControl(in MotionControlCommand command)
    {
        bool validControl = command.ControlMode is ControlMode.Standby or ControlMode.CanControl or ControlMode.Ethernet or ControlMode.Wifi or ControlMode.OfflineTrajectory;
        bool validMove = command.MoveMode <= MoveMode.ContinuousPositionVelocity;
        bool validMit = command.MitMode is MitMode.PositionSpeed or MitMode.Mit or MitMode.Invalid;
        if (!validControl || !validMove || !validMit || command.SpeedPercent > 100)
        {
            return; // piper_sdk refuses to build such a frame; the arm is assumed to ignore it
        }

        _controlMode = command.ControlMode;
        _moveMode = command.MoveMode;
        _speedPercent = command.SpeedPercent;
        if (command.MitMode != MitMode.Invalid)
        {
            _mitMode = command.MitMode;
        }
    }

    private void OnMotorEnable(in MotorEnableCommand command)
    {
        if (command.IsAllMotors)
        {
            for (int joint = 0; joint < PiperArm.JointCount; joint++)
            {
                SetEnabled(joint, command.Enable);
            }
        }
        else if (command.Motor is >= 1 and <= Motors)
        {
            SetEnabled(command.Motor - 1, command.Enable);
        }
    }

    private void OnJointTargets(int pair, double first, double second)
    {
        if (_controlMode != ControlMode.CanControl || _moveMode != MoveMode.Joint || _mitMode != MitMode.PositionSpeed || IsFaultedLocked())
        {
            return; // the real arm takes joint targets only in CAN control, MOVE J, position-speed mode
        }

        bool firstBeyond = SetTarget(2 * pair, first);
        bool secondBeyond = SetTarget((2 * pair) + 1, second);
        _targetBeyondLimit = firstBeyond || secondBeyond;
    }

    /// <summary>Sets a joint's target within its limits; true when it had to be clamped.</summary>
    private bool SetTarget(int joint, double target)
    {
        double clamped = Math.Clamp(target, PiperArm.MinPosition(joint), PiperArm.MaxPosition(joint));
        _targets[joint] = clamped;
        return clamped != target;
    }

    private void OnGripper(in GripperCommand command)
    {
        if (_controlMode != ControlMode.CanControl)
        {
            return;
        }

        if (command.SetZero)
        {
            _gripperZero = _backend.GetPresentPosition(PiperArm.GripperJointIndex);
        }

        bool enable = command.Code is GripperCode.Enable or GripperCode.EnableAndClearError;
        SetEnabled(PiperArm.GripperJointIndex, enable);
        _gripperEffort = command.EffortNewtonMeters;
        if (enable)
        {
            double stroke = Math.Clamp(command.StrokeMeters, 0, PiperArm.GripperMaxStrokeMeters);
            _targets[PiperArm.GripperJointIndex] = stroke + _gripperZero;
            _backend.SetGoalPosition(PiperArm.GripperJointIndex, stroke + _gripperZero);
        }
    }

    /// <summary>Turns a joint's torque on (holding where it is) or off. Caller holds the lock.</summary>
    private void SetEnabled(int joint, bool enabled)
    {
        if (_enabled[joint] == enabled)
        {
            return;
        }

        _enabled[joint] = enabled;
        _backend.SetTorqueEnabled(joint, enabled);
        double present = _backend.GetPresentPosition(joint);
        _targets[joint] = present;
        if (joint < Motors)
        {
            _setpoints[joint] = present;
        }
    }

    private bool IsFaultedLocked() => _injectedStatus.IsFault() || _injectedErrors.IsFault();

    /// <summary>Targets and setpoints := present positions. Caller holds the lock.</summary>
    private void HoldWhereTheJointsAre()
    {
        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            double present = _backend.GetPresentPosition(joint);
            _targets[joint] = present;
            if (joint < Motors)
            {
                _setpoints[joint] = present;
            }

            if (_enabled[joint])
            {
                _backend.SetGoalPosition(joint, present);
            }
        }
    }

    /// <summary>Moves each enabled joint's setpoint toward its target at the speed percent of the maximum speed. Caller holds the lock.</summary>
    private void MoveSetpoints(double dt)
    {
        if (IsFaultedLocked())
        {
            return;
        }

        double step = PiperArm.MaxJointSpeedRadiansPerSecond * _speedPercent / 100.0 * dt;
        for (int joint = 0; joint < Motors; joint++)
        {
            if (!_enabled[joint])
            {
                continue;
            }

            double setpoint = _setpoints[joint];
            double next = setpoint + Math.Clamp(_targets[joint] - setpoint, -step, step);
            if (next != setpoint)
            {
                _setpoints[joint] = next;
                _backend.SetGoalPosition(joint, next);
            }
        }
    }

    /// <summary>Fills <see cref="_outgoing"/> with one round of feedback; returns the frame count. Caller holds the lock.</summary>
    private int BuildFeedback(bool lowSpeed)
    {
        Span<double> present = stackalloc double[PiperArm.JointCount];
        for (int joint = 0; joint < PiperArm.JointCount; joint++)
        {
            present[joint] = _backend.GetPresentPosition(joint);
        }

        int count = 0;
        _outgoing[count++] = PiperProtocol.EncodeArmStatus(CurrentStatus(present));
        Pose tool = ToolPose(present);
        (double roll, double pitch, double yaw) = RollPitchYaw(tool.Orientation);
        _outgoing[count++] = PiperProtocol.EncodeEndPose(0, tool.Position.X, tool.Position.Y);
        _outgoing[count++] = PiperProtocol.EncodeEndPose(1, tool.Position.Z, roll);
        _outgoing[count++] = PiperProtocol.EncodeEndPose(2, pitch, yaw);
        for (int pair = 0; pair < PiperProtocol.JointPairCount; pair++)
        {
            _outgoing[count++] = PiperProtocol.EncodeJointFeedback(pair, present[2 * pair], present[(2 * pair) + 1]);
        }

        GripperStatus gripperStatus = GripperStatus.Zeroed | (_enabled[PiperArm.GripperJointIndex] ? GripperStatus.Enabled : GripperStatus.None);
        _outgoing[count++] = PiperProtocol.EncodeGripperFeedback(new GripperFeedback(present[PiperArm.GripperJointIndex] - _gripperZero, 0, gripperStatus));
        for (int motor = 1; motor <= Motors; motor++)
        {
            _outgoing[count++] = PiperProtocol.EncodeHighSpeedFeedback(new MotorHighSpeedFeedback(
                motor,
                _backend.GetPresentVelocity(motor - 1),
                _backend.GetPresentCurrent(motor - 1),
                PiperUnits.SaturateToInt32(present[motor - 1] * 1000))); // assumed 0.001 rad: the unit is unverified
        }

        if (lowSpeed)
        {
            for (int motor = 1; motor <= Motors; motor++)
            {
                bool enabled = _enabled[motor - 1];
                MotorDriverStatus status = (enabled ? MotorDriverStatus.Enabled : MotorDriverStatus.None)
                    | (_injectedStatus == ArmStatus.Collision ? MotorDriverStatus.CollisionProtection : MotorDriverStatus.None)
                    | (((int)_injectedErrors & (1 << (motor - 1))) != 0 ? MotorDriverStatus.DriverError : MotorDriverStatus.None);
                _outgoing[count++] = PiperProtocol.EncodeLowSpeedFeedback(new MotorLowSpeedFeedback(motor, SupplyVolts, 35, 30, status, enabled ? 0.2 : 0));
            }
        }

        return count;
    }

    private ArmStatusFeedback CurrentStatus(ReadOnlySpan<double> present)
    {
        var errors = _injectedErrors;
        bool reached = true;
        for (int joint = 0; joint < Motors; joint++)
        {
            if (present[joint] < PiperArm.MinPosition(joint) - AngleLimitToleranceRadians || present[joint] > PiperArm.MaxPosition(joint) + AngleLimitToleranceRadians)
            {
                errors |= (ArmErrors)(1 << (joint + 8));
            }

            reached &= !_enabled[joint] || Math.Abs(present[joint] - _targets[joint]) < ReachedToleranceRadians;
        }

        ArmStatus status = _injectedStatus != ArmStatus.Normal ? _injectedStatus
            : _targetBeyondLimit ? ArmStatus.TargetExceedsLimit
            : ArmStatus.Normal;
        return new ArmStatusFeedback(_controlMode, status, _moveMode, TeachStatus.Off, reached ? MotionStatus.Reached : MotionStatus.NotReached, 0, errors);
    }

    /// <summary>Forward kinematics of the nominal chain (joints 1 to 6) to the tool point.</summary>
    private static Pose ToolPose(ReadOnlySpan<double> present)
    {
        KinematicChainDescription chain = PiperArm.Kinematics;
        Pose pose = chain.Base;
        for (int i = 0; i < chain.Joints.Count; i++)
        {
            KinematicJoint joint = chain.Joints[i];
            pose = pose * joint.Origin * new Pose(Vector3D.Zero, Rotation.FromAxisAngle(joint.Axis, present[i]));
        }

        return pose * chain.Tool;
    }

    /// <summary>Roll about X, pitch about Y, yaw about Z (fixed axes, as the arm's end pose RX, RY, RZ).</summary>
    private static (double Roll, double Pitch, double Yaw) RollPitchYaw(Rotation rotation)
    {
        Vector3D x = rotation.Rotate(new Vector3D(1, 0, 0));
        Vector3D y = rotation.Rotate(new Vector3D(0, 1, 0));
        Vector3D z = rotation.Rotate(new Vector3D(0, 0, 1));
        return (Math.Atan2(y.Z, z.Z), Math.Asin(Math.Clamp(-x.Z, -1, 1)), Math.Atan2(x.Y, x.X));
    }
}
