using System.Diagnostics;
using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Elephant.Emulation;

/// <summary>
/// What the myCobot 280's firmware does with each frame, over an <see cref="IJointBackend"/>: power,
/// release, speed-limited moves within the joint limits, the gripper, and the replies. Joints 0-5 of
/// the backend are the arm in radians, joint 6 (when the backend has one) the gripper as an open
/// fraction 0..1. The firmware keeps only what real firmware keeps (targets, the setpoints it
/// interpolates toward them, speeds, modes); where the joints are is known to the backend alone.
/// Not thread-safe: the emulator holds its lock around every call.
/// </summary>
/// <remarks>
/// Modelling choices, none verified on hardware: a move engages a released servo (the firmware writes
/// a goal to it); every joint runs toward its target at speed/100 of the top speed, independently;
/// targets are clamped to the joint limits; Power On locks every servo where it is; Power Off and a
/// power loss leave the joints free and the angles unanswered; the firmware always behaves as in
/// refresh mode (the latest goal replaces the current one), whatever mode was set; Send Coords is
/// accepted and ignored (no inverse kinematics here).
/// </remarks>
internal sealed class MyCobotFirmware
{
    private const int GripperJoint = MyCobot280.ArmJointCount;

    private readonly IJointBackend _backend;
    private readonly MyCobotEmulatorOptions _options;
    private readonly int _jointCount;
    private readonly double[] _target;
    private readonly double[] _setpoint;
    private readonly double[] _rate;
    private readonly bool[] _engaged;
    private readonly double[] _min;
    private readonly double[] _max;
    private long _lastAdvance;

    public MyCobotFirmware(IJointBackend backend, MyCobotEmulatorOptions options)
    {
        _backend = backend;
        _options = options;
        _jointCount = backend.JointCount > MyCobot280.ArmJointCount ? MyCobot280.ArmJointCount + 1 : MyCobot280.ArmJointCount;
        _target = new double[_jointCount];
        _setpoint = new double[_jointCount];
        _rate = new double[_jointCount];
        _engaged = new bool[_jointCount];
        _min = new double[_jointCount];
        _max = new double[_jointCount];
        for (int j = 0; j < MyCobot280.ArmJointCount; j++)
        {
            _min[j] = MyCobot280.MinPositionRadians(j);
            _max[j] = MyCobot280.MaxPositionRadians(j);
            _rate[j] = options.MaxJointSpeedRadiansPerSecond;
        }

        if (HasGripper)
        {
            _min[GripperJoint] = 0;
            _max[GripperJoint] = 1;
            _rate[GripperJoint] = options.MaxGripperSpeedFractionPerSecond;
        }

        _lastAdvance = Stopwatch.GetTimestamp();
        Boot();
    }

    /// <summary>Whether the backend has a gripper joint (index 6).</summary>
    public bool HasGripper => _jointCount > MyCobot280.ArmJointCount;

    /// <summary>Whether the firmware has power at all (false after a power loss): without it, nothing is answered or done.</summary>
    public bool HasPower { get; private set; } = true;

    /// <summary>Whether the servos are powered (Power On / Power Off).</summary>
    public bool IsPoweredOn { get; private set; }

    /// <summary>The mode last set by Set Refresh Mode (true: refresh, the default).</summary>
    public bool RefreshMode { get; private set; } = true;

    /// <summary>Speed of the last joint move, 1-100, or 0 before any.</summary>
    public int LastSpeed { get; private set; }

    /// <summary>Whether joint <paramref name="joint"/> holds its target (torque on), as opposed to free.</summary>
    public bool IsEngaged(int joint) => _engaged[joint];

    /// <summary>The target of joint <paramref name="joint"/>, radians (or open fraction).</summary>
    public double TargetOf(int joint) => _target[joint];

    /// <summary>Moves every engaged joint's setpoint toward its target for the time since the last call, and hands it to the backend.</summary>
    public void Advance(long now)
    {
        double dt = (double)(now - _lastAdvance) / Stopwatch.Frequency;
        if (dt <= 0)
        {
            return;
        }

        _lastAdvance = now;
        for (int j = 0; j < _jointCount; j++)
        {
            if (!_engaged[j] || _setpoint[j] == _target[j])
            {
                continue;
            }

            double limit = _rate[j] * dt;
            _setpoint[j] += Math.Clamp(_target[j] - _setpoint[j], -limit, limit);
            _backend.SetGoalPosition(j, _setpoint[j]);
        }
    }

    /// <summary>Loses power: everything stops answering, every joint goes free.</summary>
    public void CutPower()
    {
        HasPower = false;
        PowerServosOff();
    }

    /// <summary>Power comes back: the firmware boots as it does at switch-on.</summary>
    public void RestorePower()
    {
        HasPower = true;
        Boot();
    }

    /// <summary>Acts on <paramref name="request"/> at <paramref name="now"/> and writes the reply frame into <paramref name="reply"/>.</summary>
    /// <returns>The reply's length, or 0 when nothing is answered.</returns>
    public int Execute(MyCobotFrame request, long now, Span<byte> reply)
    {
        if (!HasPower)
        {
            return 0;
        }

        Advance(now);
        ReadOnlySpan<byte> data = request.Data;
        MyCobotCommand command = request.Command;
        switch (command)
        {
            case MyCobotCommand.IsPoweredOn:
                return Answer(reply, command, IsPoweredOn ? (byte)1 : (byte)0);
            case MyCobotCommand.PowerOn:
                PowerServosOn();
                return Acknowledge(reply, command);
            case MyCobotCommand.PowerOff:
                PowerServosOff();
                return Acknowledge(reply, command);
            case MyCobotCommand.ReleaseAllServos:
                if (IsPoweredOn)
                {
                    for (int j = 0; j < MyCobot280.ArmJointCount; j++)
                    {
                        Disengage(j);
                    }
                }

                return Acknowledge(reply, command);
            case MyCobotCommand.SetRefreshMode when data.Length == 1:
                RefreshMode = data[0] == 1;
                return Acknowledge(reply, command);
            case MyCobotCommand.GetRefreshMode:
                return Answer(reply, command, RefreshMode ? (byte)1 : (byte)0);
            case MyCobotCommand.GetAngles when IsPoweredOn:
                Span<short> angles = stackalloc short[MyCobot280.ArmJointCount];
                for (int j = 0; j < angles.Length; j++)
                {
                    angles[j] = MyCobotUnits.RadiansToSteps(_backend.GetPresentPosition(j));
                }

                return AnswerValues(reply, command, angles);
            case MyCobotCommand.SendAngle when data.Length == 4 && data[0] is >= 1 and <= MyCobot280.ArmJointCount:
                if (IsPoweredOn)
                {
                    LastSpeed = data[3];
                    MoveJoint(data[0] - 1, MyCobotUnits.StepsToRadians(ReadInt16(data[1..])), JointRate(data[3]));
                }

                return Acknowledge(reply, command);
            case MyCobotCommand.SendAngles when data.Length == MyCobotProtocol.AnglesDataLength + 1:
                if (IsPoweredOn)
                {
                    LastSpeed = data[MyCobotProtocol.AnglesDataLength];
                    double rate = JointRate(LastSpeed);
                    for (int j = 0; j < MyCobot280.ArmJointCount; j++)
                    {
                        MoveJoint(j, MyCobotUnits.StepsToRadians(ReadInt16(data[(2 * j)..])), rate);
                    }
                }

                return Acknowledge(reply, command);
            case MyCobotCommand.GetCoords when IsPoweredOn:
                return AnswerCoordinates(reply);
            case MyCobotCommand.SendCoords:
                return Acknowledge(reply, command);
            case MyCobotCommand.GetGripperValue when IsPoweredOn && HasGripper:
                return Answer(reply, command, (byte)MyCobotUnits.OpenFractionToGripperValue(_backend.GetPresentPosition(GripperJoint)));
            case MyCobotCommand.SetGripperValue when data.Length >= 2:
                if (IsPoweredOn && HasGripper)
                {
                    MoveJoint(GripperJoint, MyCobotUnits.GripperValueToOpenFraction(data[0]), GripperRate(data[1]));
                }

                return Acknowledge(reply, command);
            case MyCobotCommand.SetGripperState when data.Length >= 2:
                if (IsPoweredOn && HasGripper)
                {
                    switch ((MyCobotGripperState)data[0])
                    {
                        case MyCobotGripperState.Open:
                            MoveJoint(GripperJoint, 1, GripperRate(data[1]));
                            break;
                        case MyCobotGripperState.Close:
                            MoveJoint(GripperJoint, 0, GripperRate(data[1]));
                            break;
                        case MyCobotGripperState.Release:
                            Disengage(GripperJoint);
                            break;
                    }
                }

                return Acknowledge(reply, command);
            default:
                return 0;
        }
    }

    private static short ReadInt16(ReadOnlySpan<byte> data) => System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(data);

    private static int Answer(Span<byte> reply, MyCobotCommand command, byte value)
    {
        ReadOnlySpan<byte> data = [value];
        return MyCobotProtocol.EncodeFrame(reply, command, data);
    }

    private static int AnswerValues(Span<byte> reply, MyCobotCommand command, ReadOnlySpan<short> values)
    {
        Span<byte> data = stackalloc byte[2 * values.Length];
        MyCobotProtocol.WriteInt16Values(data, values);
        return MyCobotProtocol.EncodeFrame(reply, command, data);
    }

    /// <summary>The flange pose by the DH model: x, y, z (mm x 10), then rx, ry, rz (degrees x 100) as fixed-axis roll, pitch, yaw.</summary>
    private int AnswerCoordinates(Span<byte> reply)
    {
        KinematicChainDescription chain = MyCobot280.Kinematics;
        Pose pose = chain.Base;
        for (int j = 0; j < chain.Joints.Count; j++)
        {
            KinematicJoint joint = chain.Joints[j];
            pose = pose * joint.Origin * new Pose(Vector3D.Zero, Rotation.FromAxisAngle(joint.Axis, _backend.GetPresentPosition(j)));
        }

        pose *= chain.Tool;
        Rotation q = pose.Orientation;
        double r00 = 1 - (2 * ((q.Y * q.Y) + (q.Z * q.Z)));
        double r10 = 2 * ((q.X * q.Y) + (q.W * q.Z));
        double r20 = 2 * ((q.X * q.Z) - (q.W * q.Y));
        double r21 = 2 * ((q.Y * q.Z) + (q.W * q.X));
        double r22 = 1 - (2 * ((q.X * q.X) + (q.Y * q.Y)));
        Span<short> values =
        [
            MyCobotUnits.MetresToSteps(pose.Position.X),
            MyCobotUnits.MetresToSteps(pose.Position.Y),
            MyCobotUnits.MetresToSteps(pose.Position.Z),
            MyCobotUnits.RadiansToSteps(Math.Atan2(r21, r22)),
            MyCobotUnits.RadiansToSteps(Math.Asin(Math.Clamp(-r20, -1, 1))),
            MyCobotUnits.RadiansToSteps(Math.Atan2(r10, r00)),
        ];
        return AnswerValues(reply, MyCobotCommand.GetCoords, values);
    }

    private int Acknowledge(Span<byte> reply, MyCobotCommand command) => _options.AcknowledgeSetCommands ? Answer(reply, command, 1) : 0;

    private double JointRate(int speed) => Math.Clamp(speed, 1, MyCobotProtocol.MaxSpeed) / 100.0 * _options.MaxJointSpeedRadiansPerSecond;

    private double GripperRate(int speed) => Math.Clamp(speed, 1, MyCobotProtocol.MaxSpeed) / 100.0 * _options.MaxGripperSpeedFractionPerSecond;

    private void Boot()
    {
        if (_options.StartPoweredOn)
        {
            PowerServosOn();
        }
        else
        {
            PowerServosOff();
        }
    }

    private void PowerServosOn()
    {
        IsPoweredOn = true;
        for (int j = 0; j < _jointCount; j++)
        {
            Engage(j);
        }
    }

    private void PowerServosOff()
    {
        IsPoweredOn = false;
        for (int j = 0; j < _jointCount; j++)
        {
            Disengage(j);
        }
    }

    private void MoveJoint(int joint, double target, double rate)
    {
        if (!_engaged[joint])
        {
            Engage(joint);
        }

        _target[joint] = Math.Clamp(target, _min[joint], _max[joint]);
        _rate[joint] = rate;
    }

    /// <summary>Torque on, holding where the joint is.</summary>
    private void Engage(int joint)
    {
        _backend.SetTorqueEnabled(joint, true);
        double present = _backend.GetPresentPosition(joint);
        _setpoint[joint] = present;
        _target[joint] = present;
        _backend.SetGoalPosition(joint, present);
        _engaged[joint] = true;
    }

    private void Disengage(int joint)
    {
        _backend.SetTorqueEnabled(joint, false);
        _engaged[joint] = false;
    }
}
