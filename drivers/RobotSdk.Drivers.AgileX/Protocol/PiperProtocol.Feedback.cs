using System.Buffers.Binary;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>Feedback: arm to host (the emulator encodes, the driver decodes).</summary>
public static partial class PiperProtocol
{
    /// <summary>Builds the arm status (0x2A1).</summary>
    public static CanFrame EncodeArmStatus(in ArmStatusFeedback status)
    {
        Span<byte> data = stackalloc byte[FrameLength];
        data[0] = (byte)status.ControlMode;
        data[1] = (byte)status.Status;
        data[2] = (byte)status.MoveMode;
        data[3] = (byte)status.TeachStatus;
        data[4] = (byte)status.MotionStatus;
        data[5] = status.TrajectoryPoint;
        BinaryPrimitives.WriteUInt16BigEndian(data[6..], (ushort)status.Errors);
        return new CanFrame(PiperCanIds.ArmStatus, data);
    }

    /// <summary>Decodes the arm status (0x2A1). Values outside the enums are kept as they came (they describe as unknown).</summary>
    public static bool TryDecodeArmStatus(in CanFrame frame, out ArmStatusFeedback status)
    {
        status = default;
        if (!Is(frame, PiperCanIds.ArmStatus))
        {
            return false;
        }

        ReadOnlySpan<byte> data = frame.Data;
        status = new ArmStatusFeedback(
            (ControlMode)data[0],
            (ArmStatus)data[1],
            (MoveMode)data[2],
            (TeachStatus)data[3],
            (MotionStatus)data[4],
            data[5],
            (ArmErrors)BinaryPrimitives.ReadUInt16BigEndian(data[6..]));
        return true;
    }

    /// <summary>
    /// Builds one part of the end pose: part 0 is 0x2A2 (X, Y in metres), 1 is 0x2A3 (Z in metres,
    /// RX in radians), 2 is 0x2A4 (RY, RZ in radians); lengths travel as int32 0.001 mm, angles as
    /// int32 0.001 degree (piper_sdk's <c>ArmMsgFeedBackEndPose</c> and <c>ArmMsgMotionCtrlCartesian</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The part is not 0, 1 or 2.</exception>
    public static CanFrame EncodeEndPose(int part, double first, double second) => part switch
    {
        0 => TwoInt32(PiperCanIds.EndPoseXY, PiperUnits.MetresToMicrometres(first), PiperUnits.MetresToMicrometres(second)),
        1 => TwoInt32(PiperCanIds.EndPoseZRX, PiperUnits.MetresToMicrometres(first), PiperUnits.RadiansToMillidegrees(second)),
        2 => TwoInt32(PiperCanIds.EndPoseRYRZ, PiperUnits.RadiansToMillidegrees(first), PiperUnits.RadiansToMillidegrees(second)),
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "End pose parts are 0 (X, Y), 1 (Z, RX) and 2 (RY, RZ)."),
    };

    /// <summary>Decodes one part of the end pose (0x2A2 to 0x2A4); see <see cref="EncodeEndPose"/> for the parts and units.</summary>
    public static bool TryDecodeEndPose(in CanFrame frame, out int part, out double first, out double second)
    {
        part = (int)(frame.Id - PiperCanIds.EndPoseXY);
        first = 0;
        second = 0;
        if ((uint)part >= EndPosePartCount || !Is(frame, frame.Id))
        {
            part = -1;
            return false;
        }

        ReadTwoInt32(frame, out int a, out int b);
        (first, second) = part switch
        {
            0 => (PiperUnits.MicrometresToMetres(a), PiperUnits.MicrometresToMetres(b)),
            1 => (PiperUnits.MicrometresToMetres(a), PiperUnits.MillidegreesToRadians(b)),
            _ => (PiperUnits.MillidegreesToRadians(a), PiperUnits.MillidegreesToRadians(b)),
        };
        return true;
    }

    /// <summary>
    /// Builds a joint feedback frame: pair 0 is 0x2A5 (joints 1 and 2), 1 is 0x2A6 (3 and 4), 2 is
    /// 0x2A7 (5 and 6); each angle an int32 in 0.001 degree.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The pair is not 0, 1 or 2.</exception>
    public static CanFrame EncodeJointFeedback(int pair, double firstRadians, double secondRadians)
    {
        ThrowIfPairOutOfRange(pair, nameof(pair));
        return TwoInt32(
            PiperCanIds.JointPairId(PiperCanIds.JointFeedback12, pair),
            PiperUnits.RadiansToMillidegrees(firstRadians),
            PiperUnits.RadiansToMillidegrees(secondRadians));
    }

    /// <summary>Decodes a joint feedback frame (0x2A5 to 0x2A7) into its pair index and angles in radians.</summary>
    public static bool TryDecodeJointFeedback(in CanFrame frame, out int pair, out double firstRadians, out double secondRadians) =>
        TryDecodeJointPair(frame, PiperCanIds.JointFeedback12, out pair, out firstRadians, out secondRadians);

    /// <summary>Builds the gripper feedback (0x2A8).</summary>
    public static CanFrame EncodeGripperFeedback(in GripperFeedback feedback)
    {
        Span<byte> data = stackalloc byte[FrameLength];
        BinaryPrimitives.WriteInt32BigEndian(data, PiperUnits.MetresToMicrometres(feedback.StrokeMeters));
        BinaryPrimitives.WriteInt16BigEndian(data[4..], SaturateToInt16(PiperUnits.NewtonMetresToMilliNewtonMetres(feedback.EffortNewtonMeters)));
        data[6] = (byte)feedback.Status;
        data[7] = 0;
        return new CanFrame(PiperCanIds.GripperFeedback, data);
    }

    /// <summary>Decodes the gripper feedback (0x2A8).</summary>
    public static bool TryDecodeGripperFeedback(in CanFrame frame, out GripperFeedback feedback)
    {
        feedback = default;
        if (!Is(frame, PiperCanIds.GripperFeedback))
        {
            return false;
        }

        ReadOnlySpan<byte> data = frame.Data;
        feedback = new GripperFeedback(
            PiperUnits.MicrometresToMetres(BinaryPrimitives.ReadInt32BigEndian(data)),
            PiperUnits.MilliNewtonMetresToNewtonMetres(BinaryPrimitives.ReadInt16BigEndian(data[4..])),
            (GripperStatus)data[6]);
        return true;
    }

    /// <summary>Builds a motor's high-speed feedback (0x251 to 0x256).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The motor is not 1 to 6.</exception>
    public static CanFrame EncodeHighSpeedFeedback(in MotorHighSpeedFeedback feedback)
    {
        ThrowIfMotorOutOfRange(feedback.Motor, nameof(feedback));
        Span<byte> data = stackalloc byte[FrameLength];
        BinaryPrimitives.WriteInt16BigEndian(data, SaturateToInt16(PiperUnits.RadiansPerSecondToMilliradiansPerSecond(feedback.VelocityRadiansPerSecond)));
        BinaryPrimitives.WriteInt16BigEndian(data[2..], SaturateToInt16(PiperUnits.AmperesToMilliamperes(feedback.CurrentAmperes)));
        BinaryPrimitives.WriteInt32BigEndian(data[4..], feedback.Position);
        return new CanFrame(PiperCanIds.HighSpeedFeedbackMotor1 + (uint)feedback.Motor - 1, data);
    }

    /// <summary>Decodes a motor's high-speed feedback (0x251 to 0x256).</summary>
    public static bool TryDecodeHighSpeedFeedback(in CanFrame frame, out MotorHighSpeedFeedback feedback)
    {
        feedback = default;
        int motor = (int)(frame.Id - PiperCanIds.HighSpeedFeedbackMotor1) + 1;
        if (motor is < 1 or > PiperCanIds.ArmJointCount || !Is(frame, frame.Id))
        {
            return false;
        }

        ReadOnlySpan<byte> data = frame.Data;
        feedback = new MotorHighSpeedFeedback(
            motor,
            PiperUnits.MilliradiansPerSecondToRadiansPerSecond(BinaryPrimitives.ReadInt16BigEndian(data)),
            PiperUnits.MilliamperesToAmperes(BinaryPrimitives.ReadInt16BigEndian(data[2..])),
            BinaryPrimitives.ReadInt32BigEndian(data[4..]));
        return true;
    }

    /// <summary>Builds a motor's low-speed feedback (0x261 to 0x266).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The motor is not 1 to 6.</exception>
    public static CanFrame EncodeLowSpeedFeedback(in MotorLowSpeedFeedback feedback)
    {
        ThrowIfMotorOutOfRange(feedback.Motor, nameof(feedback));
        Span<byte> data = stackalloc byte[FrameLength];
        BinaryPrimitives.WriteUInt16BigEndian(data, SaturateToUInt16(PiperUnits.VoltsToDecivolts(feedback.VoltageVolts)));
        BinaryPrimitives.WriteInt16BigEndian(data[2..], SaturateToInt16(PiperUnits.SaturateToInt32(feedback.DriverTemperatureCelsius)));
        data[4] = (byte)(sbyte)Math.Clamp(PiperUnits.SaturateToInt32(feedback.MotorTemperatureCelsius), sbyte.MinValue, sbyte.MaxValue);
        data[5] = (byte)feedback.Status;
        BinaryPrimitives.WriteUInt16BigEndian(data[6..], SaturateToUInt16(PiperUnits.AmperesToMilliamperes(feedback.BusCurrentAmperes)));
        return new CanFrame(PiperCanIds.LowSpeedFeedbackMotor1 + (uint)feedback.Motor - 1, data);
    }

    /// <summary>Decodes a motor's low-speed feedback (0x261 to 0x266).</summary>
    public static bool TryDecodeLowSpeedFeedback(in CanFrame frame, out MotorLowSpeedFeedback feedback)
    {
        feedback = default;
        int motor = (int)(frame.Id - PiperCanIds.LowSpeedFeedbackMotor1) + 1;
        if (motor is < 1 or > PiperCanIds.ArmJointCount || !Is(frame, frame.Id))
        {
            return false;
        }

        ReadOnlySpan<byte> data = frame.Data;
        feedback = new MotorLowSpeedFeedback(
            motor,
            PiperUnits.DecivoltsToVolts(BinaryPrimitives.ReadUInt16BigEndian(data)),
            BinaryPrimitives.ReadInt16BigEndian(data[2..]),
            (sbyte)data[4],
            (MotorDriverStatus)data[5],
            PiperUnits.MilliamperesToAmperes(BinaryPrimitives.ReadUInt16BigEndian(data[6..])));
        return true;
    }

    private static short SaturateToInt16(int value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);

    private static ushort SaturateToUInt16(int value) => (ushort)Math.Clamp(value, ushort.MinValue, ushort.MaxValue);

    private static void ThrowIfMotorOutOfRange(int motor, string parameterName)
    {
        if (motor is < 1 or > PiperCanIds.ArmJointCount)
        {
            throw new ArgumentOutOfRangeException(parameterName, motor, "Joint motors are numbered 1 to 6.");
        }
    }
}
