using System.Buffers.Binary;
using System.Text;

namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// Payloads of the requests and data of the replies this SDK uses, written into and read from
/// caller buffers without allocation (except <see cref="ReadVersionText"/>). Floats are IEEE 754
/// single precision, little-endian; joints are radians; the arm always carries 7 joint slots,
/// the unused ones 0 (the Lite 6 uses the first 6).
/// </summary>
/// <remarks>
/// Layouts from xArm-Python-SDK <c>xarm/core/wrapper/uxbus_cmd.py</c>: <c>motion_en</c>,
/// <c>set_state</c>, <c>set_mode</c>, <c>move_joint</c>, <c>move_servoj</c>, <c>get_joint_pos</c>,
/// <c>get_joint_states</c>, <c>get_err_code</c>, <c>tgpio_addr_w16</c>; floats through
/// <c>BytesData.from_fp32</c> (little-endian), u16 through <c>BytesData.from_u16</c> (big-endian).
/// </remarks>
public static class XArmPayloads
{
    /// <summary>Joint slots in every joint payload and reply.</summary>
    public const int JointSlots = 7;

    /// <summary>Bytes of a joint-motion payload (<see cref="XArmFunction.MoveJoint"/>, <see cref="XArmFunction.ServoJoint"/>): 7 joints, speed, acceleration, time.</summary>
    public const int JointMotionLength = (JointSlots + 3) * 4;

    /// <summary>Bytes of the joint-position reply: 7 fp32.</summary>
    public const int JointPositionsLength = JointSlots * 4;

    /// <summary>Bytes of the version reply (text padded with zeros).</summary>
    public const int VersionLength = 40;

    /// <summary>The servo ID that addresses every joint in <see cref="XArmFunction.MotionEnable"/> (<c>motion_enable(servo_id=None)</c> sends 8).</summary>
    public const byte AllServos = 8;

    /// <summary>The RS-485 host ID of the arm's tool board, which holds the tool GPIO (<c>XCONF.ROBOT_RS485_HOST_ID</c>).</summary>
    public const byte ToolBoardHostId = 9;

    /// <summary>Writes a float, little-endian.</summary>
    public static void WriteFloat(Span<byte> destination, float value) => BinaryPrimitives.WriteSingleLittleEndian(destination, value);

    /// <summary>Reads a float, little-endian.</summary>
    public static float ReadFloat(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadSingleLittleEndian(source);

    /// <summary>MOTION_EN: <paramref name="servoId"/> (1..7, or <see cref="AllServos"/>) and 1 or 0.</summary>
    /// <returns>2, the payload length.</returns>
    public static int WriteMotionEnable(Span<byte> payload, byte servoId, bool enable)
    {
        payload[0] = servoId;
        payload[1] = enable ? (byte)1 : (byte)0;
        return 2;
    }

    /// <summary>SET_STATE: one byte.</summary>
    /// <returns>1.</returns>
    public static int WriteSetState(Span<byte> payload, ControllerStateCommand state)
    {
        payload[0] = (byte)state;
        return 1;
    }

    /// <summary>
    /// SET_MODE: the mode, followed by the detection parameter byte 0 when
    /// <paramref name="withDetectionParameter"/> (the SDK sends it from firmware 1.10.0 on).
    /// </summary>
    /// <returns>1 or 2.</returns>
    public static int WriteSetMode(Span<byte> payload, ControllerMode mode, bool withDetectionParameter)
    {
        payload[0] = (byte)mode;
        if (!withDetectionParameter)
        {
            return 1;
        }

        payload[1] = 0;
        return 2;
    }

    /// <summary>
    /// MOVE_JOINT / MOVE_SERVOJ: the joints (at most 7; missing slots are 0), then speed (rad/s),
    /// acceleration (rad/s²) and time (s), all fp32 little-endian.
    /// </summary>
    /// <returns><see cref="JointMotionLength"/>.</returns>
    public static int WriteJointMotion(Span<byte> payload, ReadOnlySpan<float> jointsRadians, float speed, float acceleration, float time)
    {
        if (jointsRadians.Length > JointSlots)
        {
            throw new ArgumentException($"At most {JointSlots} joints; got {jointsRadians.Length}.", nameof(jointsRadians));
        }

        for (int i = 0; i < JointSlots; i++)
        {
            WriteFloat(payload[(4 * i)..], i < jointsRadians.Length ? jointsRadians[i] : 0f);
        }

        WriteFloat(payload[(4 * JointSlots)..], speed);
        WriteFloat(payload[(4 * (JointSlots + 1))..], acceleration);
        WriteFloat(payload[(4 * (JointSlots + 2))..], time);
        return JointMotionLength;
    }

    /// <summary>Reads the joints of a joint-motion payload into <paramref name="jointsRadians"/> (at most 7).</summary>
    public static void ReadJointMotion(ReadOnlySpan<byte> payload, Span<double> jointsRadians, out float speed, out float acceleration, out float time)
    {
        for (int i = 0; i < jointsRadians.Length && i < JointSlots; i++)
        {
            jointsRadians[i] = ReadFloat(payload[(4 * i)..]);
        }

        speed = ReadFloat(payload[(4 * JointSlots)..]);
        acceleration = ReadFloat(payload[(4 * (JointSlots + 1))..]);
        time = ReadFloat(payload[(4 * (JointSlots + 2))..]);
    }

    /// <summary>GET_JOINT_POS with a count: the reply then holds <paramref name="count"/> blocks of 7 fp32 (positions, velocities, efforts).</summary>
    /// <returns>1.</returns>
    public static int WriteJointStatesRequest(Span<byte> payload, byte count)
    {
        if (count is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count of joint-state blocks ranges from 1 to 3.");
        }

        payload[0] = count;
        return 1;
    }

    /// <summary>Reads block <paramref name="block"/> (0 positions, 1 velocities, 2 efforts) of 7 fp32 into <paramref name="destination"/> (at most 7 values).</summary>
    public static void ReadJointBlock(ReadOnlySpan<byte> data, int block, Span<double> destination)
    {
        ReadOnlySpan<byte> values = data.Slice(block * JointPositionsLength, JointPositionsLength);
        for (int i = 0; i < destination.Length && i < JointSlots; i++)
        {
            destination[i] = ReadFloat(values[(4 * i)..]);
        }
    }

    /// <summary>Writes 7 values as a joint block (the controller's side of GET_JOINT_POS).</summary>
    public static void WriteJointBlock(Span<byte> data, int block, ReadOnlySpan<double> values)
    {
        Span<byte> destination = data.Slice(block * JointPositionsLength, JointPositionsLength);
        for (int i = 0; i < JointSlots; i++)
        {
            WriteFloat(destination[(4 * i)..], i < values.Length ? (float)values[i] : 0f);
        }
    }

    /// <summary>
    /// TGPIO_W16B: host ID, register (u16 big-endian), the 16-bit value sent as an fp32 little-endian
    /// number (as the SDK does: <c>BytesData.from_fp32(value)</c>), and, when given, the sync byte
    /// (1: run in the motion queue, 0: at once; firmware 2.4.101 and later).
    /// </summary>
    /// <returns>7, or 8 with the sync byte.</returns>
    public static int WriteToolRegisterWrite(Span<byte> payload, byte hostId, ushort register, ushort value, byte? sync)
    {
        payload[0] = hostId;
        BinaryPrimitives.WriteUInt16BigEndian(payload[1..], register);
        WriteFloat(payload[3..], value);
        if (sync is not { } syncByte)
        {
            return 7;
        }

        payload[7] = syncByte;
        return 8;
    }

    /// <summary>Reads a TGPIO_W16B payload (the controller's side).</summary>
    /// <returns>False when the payload is shorter than 7 bytes or the value is not a whole number from 0 to 65535.</returns>
    public static bool TryReadToolRegisterWrite(ReadOnlySpan<byte> payload, out byte hostId, out ushort register, out ushort value)
    {
        hostId = 0;
        register = 0;
        value = 0;
        if (payload.Length < 7)
        {
            return false;
        }

        float number = ReadFloat(payload[3..]);
        if (!(number >= 0 && number <= ushort.MaxValue) || number != MathF.Floor(number))
        {
            return false;
        }

        hostId = payload[0];
        register = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
        value = (ushort)number;
        return true;
    }

    /// <summary>Reads the version reply: the text up to the first zero byte.</summary>
    public static string ReadVersionText(ReadOnlySpan<byte> data)
    {
        int end = data.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? data : data[..end]);
    }

    /// <summary>Writes <paramref name="text"/> as a version reply of <see cref="VersionLength"/> bytes, padded with zeros.</summary>
    /// <returns><see cref="VersionLength"/>.</returns>
    public static int WriteVersionText(Span<byte> data, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> destination = data[..VersionLength];
        destination.Clear();
        Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, VersionLength - 1)), destination);
        return VersionLength;
    }
}
