using System.Buffers.Binary;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>Commands: host to arm.</summary>
public static partial class PiperProtocol
{
    /// <summary>Builds motion control (0x151).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The speed is outside 0 to 100 percent.</exception>
    public static CanFrame EncodeMotionControl(in MotionControlCommand command)
    {
        if (command.SpeedPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(command), command.SpeedPercent, "The speed ranges from 0 to 100 percent.");
        }

        Span<byte> data = stackalloc byte[FrameLength];
        data.Clear();
        data[0] = (byte)command.ControlMode;
        data[1] = (byte)command.MoveMode;
        data[2] = (byte)command.SpeedPercent;
        data[3] = (byte)command.MitMode;
        data[4] = command.ResidenceTimeSeconds;
        data[5] = command.InstallationPosition;
        return new CanFrame(PiperCanIds.MotionControl, data);
    }

    /// <summary>Decodes motion control (0x151), as the arm receives it.</summary>
    public static bool TryDecodeMotionControl(in CanFrame frame, out MotionControlCommand command)
    {
        command = default;
        if (!Is(frame, PiperCanIds.MotionControl))
        {
            return false;
        }

        ReadOnlySpan<byte> data = frame.Data;
        command = new MotionControlCommand((ControlMode)data[0], (MoveMode)data[1], data[2], (MitMode)data[3])
        {
            ResidenceTimeSeconds = data[4],
            InstallationPosition = data[5],
        };
        return true;
    }

    /// <summary>
    /// Builds a joint target frame: pair 0 is 0x155 (joints 1 and 2), 1 is 0x156 (3 and 4), 2 is
    /// 0x157 (5 and 6); each angle an int32 in 0.001 degree.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The pair is not 0, 1 or 2.</exception>
    public static CanFrame EncodeJointTargets(int pair, double firstRadians, double secondRadians)
    {
        ThrowIfPairOutOfRange(pair, nameof(pair));
        return TwoInt32(
            PiperCanIds.JointPairId(PiperCanIds.JointTargets12, pair),
            PiperUnits.RadiansToMillidegrees(firstRadians),
            PiperUnits.RadiansToMillidegrees(secondRadians));
    }

    /// <summary>Decodes a joint target frame (0x155 to 0x157) into its pair index and angles in radians.</summary>
    public static bool TryDecodeJointTargets(in CanFrame frame, out int pair, out double firstRadians, out double secondRadians) =>
        TryDecodeJointPair(frame, PiperCanIds.JointTargets12, out pair, out firstRadians, out secondRadians);

    /// <summary>Builds gripper control (0x159); stroke and effort are rounded to the protocol's units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The effort is outside 0 to 5 N·m.</exception>
    public static CanFrame EncodeGripperControl(in GripperCommand command)
    {
        if (!(command.EffortNewtonMeters >= 0 && command.EffortNewtonMeters <= GripperCommand.MaxEffortNewtonMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(command), command.EffortNewtonMeters, "The gripper effort ranges from 0 to 5 N·m.");
        }

        Span<byte> data = stackalloc byte[FrameLength];
        BinaryPrimitives.WriteInt32BigEndian(data, PiperUnits.MetresToMicrometres(command.StrokeMeters));
        BinaryPrimitives.WriteUInt16BigEndian(data[4..], (ushort)PiperUnits.NewtonMetresToMilliNewtonMetres(command.EffortNewtonMeters));
        data[6] = (byte)command.Code;
        data[7] = command.SetZero ? GripperCommand.SetZeroFlag : (byte)0;
        return new CanFrame(PiperCanIds.GripperControl, data);
    }

    /// <summary>Decodes gripper control (0x159), as the arm receives it.</summary>
    public static bool TryDecodeGripperControl(in CanFrame frame, out GripperCommand command)
    {
        command = default;
        if (!Is(frame, PiperCanIds.GripperControl))
        {
            return false;
        }

        ReadOnlySpan<byte> data = frame.Data;
        command = new GripperCommand(
            PiperUnits.MicrometresToMetres(BinaryPrimitives.ReadInt32BigEndian(data)),
            PiperUnits.MilliNewtonMetresToNewtonMetres(BinaryPrimitives.ReadUInt16BigEndian(data[4..])),
            (GripperCode)data[6],
            data[7] == GripperCommand.SetZeroFlag);
        return true;
    }

    /// <summary>Builds motor enable/disable (0x471).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The motor is not 1 to 7 or 0xFF.</exception>
    public static CanFrame EncodeMotorEnable(in MotorEnableCommand command)
    {
        if (command.Motor is not ((>= 1 and <= MotorEnableCommand.AllMotors) or MotorEnableCommand.AllMotorsAlternative))
        {
            throw new ArgumentOutOfRangeException(nameof(command), command.Motor, "Motors are 1 to 6, 7 (all) or 0xFF (all).");
        }

        Span<byte> data = stackalloc byte[FrameLength];
        data.Clear();
        data[0] = command.Motor;
        data[1] = command.Enable ? MotorEnableCommand.EnableFlag : MotorEnableCommand.DisableFlag;
        return new CanFrame(PiperCanIds.MotorEnable, data);
    }

    /// <summary>Decodes motor enable/disable (0x471); false also for a flag other than 0x01 or 0x02.</summary>
    public static bool TryDecodeMotorEnable(in CanFrame frame, out MotorEnableCommand command)
    {
        command = default;
        if (!Is(frame, PiperCanIds.MotorEnable) || frame.Data[1] is not (MotorEnableCommand.EnableFlag or MotorEnableCommand.DisableFlag))
        {
            return false;
        }

        command = new MotorEnableCommand(frame.Data[0], frame.Data[1] == MotorEnableCommand.EnableFlag);
        return true;
    }

    private static bool TryDecodeJointPair(in CanFrame frame, uint firstId, out int pair, out double firstRadians, out double secondRadians)
    {
        pair = (int)(frame.Id - firstId);
        firstRadians = 0;
        secondRadians = 0;
        if ((uint)pair >= JointPairCount || !Is(frame, frame.Id))
        {
            pair = -1;
            return false;
        }

        ReadTwoInt32(frame, out int first, out int second);
        firstRadians = PiperUnits.MillidegreesToRadians(first);
        secondRadians = PiperUnits.MillidegreesToRadians(second);
        return true;
    }
}
