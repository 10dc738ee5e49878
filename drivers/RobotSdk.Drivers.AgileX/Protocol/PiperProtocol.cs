using System.Buffers.Binary;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The PiPER's CAN protocol in one place: every command and feedback frame this SDK uses, built
/// from and decoded into typed values in SI units (conversions in <see cref="PiperUnits"/>).
/// Multi-byte fields are big-endian; every frame is a standard (11-bit) data frame of 8 bytes,
/// as piper_sdk sends and expects them. Encoders never allocate; decoders return false (never
/// throw) for a frame with another ID, another kind or another length.
/// </summary>
/// <remarks>
/// Source: piper_sdk's <c>protocol/protocol_v2/piper_protocol_v2.py</c> (<c>DecodeMessage</c>,
/// <c>EncodeMessage</c>) and the message definitions in <c>piper_msgs/msg_v2</c>, checked against
/// the golden SLCAN lines the vendor SDK produced (REFERENCE.md section 3).
/// </remarks>
public static partial class PiperProtocol
{
    /// <summary>The data length of every PiPER frame.</summary>
    public const int FrameLength = 8;

    /// <summary>The number of joint pairs in the joint target and joint feedback frames (joints 1-2, 3-4, 5-6).</summary>
    public const int JointPairCount = 3;

    /// <summary>The number of parts of the end pose feedback (0x2A2 X-Y, 0x2A3 Z-RX, 0x2A4 RY-RZ).</summary>
    public const int EndPosePartCount = 3;

    /// <summary>Whether <paramref name="frame"/> is a standard data frame with identifier <paramref name="id"/> and 8 data bytes.</summary>
    public static bool Is(in CanFrame frame, uint id) =>
        frame.Id == id && frame.Length == FrameLength && !frame.IsExtended && !frame.IsRemote && !frame.IsError;

    /// <summary>
    /// Whether <paramref name="frame"/> carries one of the PiPER's identifiers this SDK decodes
    /// (commands and feedback) but is not an 8-byte standard data frame: a malformed frame.
    /// </summary>
    public static bool IsMalformed(in CanFrame frame) =>
        !frame.IsError && !frame.IsExtended && IsKnownId(frame.Id) && (frame.Length != FrameLength || frame.IsRemote);

    /// <summary>Whether <paramref name="id"/> is one of the identifiers this SDK encodes or decodes.</summary>
    public static bool IsKnownId(uint id) => id switch
    {
        PiperCanIds.MotionControl or PiperCanIds.GripperControl or PiperCanIds.MotorEnable => true,
        >= PiperCanIds.JointTargets12 and <= PiperCanIds.JointTargets56 => true,
        >= PiperCanIds.ArmStatus and <= PiperCanIds.GripperFeedback => true,
        >= PiperCanIds.HighSpeedFeedbackMotor1 and < PiperCanIds.HighSpeedFeedbackMotor1 + PiperCanIds.ArmJointCount => true,
        >= PiperCanIds.LowSpeedFeedbackMotor1 and < PiperCanIds.LowSpeedFeedbackMotor1 + PiperCanIds.ArmJointCount => true,
        _ => false,
    };

    /// <summary>Builds a frame from two big-endian int32 values, the layout of joint and end pose frames.</summary>
    private static CanFrame TwoInt32(uint id, int first, int second)
    {
        Span<byte> data = stackalloc byte[FrameLength];
        BinaryPrimitives.WriteInt32BigEndian(data, first);
        BinaryPrimitives.WriteInt32BigEndian(data[4..], second);
        return new CanFrame(id, data);
    }

    private static void ReadTwoInt32(in CanFrame frame, out int first, out int second)
    {
        ReadOnlySpan<byte> data = frame.Data;
        first = BinaryPrimitives.ReadInt32BigEndian(data);
        second = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
    }

    private static void ThrowIfPairOutOfRange(int pair, string parameterName)
    {
        if ((uint)pair >= JointPairCount)
        {
            throw new ArgumentOutOfRangeException(parameterName, pair, "Joint pairs are 0 (joints 1-2), 1 (3-4) and 2 (5-6).");
        }
    }
}
