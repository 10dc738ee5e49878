using System.Buffers.Binary;

namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// Framing and payloads of the myCobot 280 serial protocol (Elephant Robotics' Atom firmware behind
/// the M5 base's transponder, 115200 baud 8N1): <c>FE FE LEN CMD data FA</c> with LEN = data + 2.
/// There is no checksum and no sequence number: a reply is matched to its request by CMD only.
/// Every encoder writes into the caller's buffer and returns the frame's length; nothing allocates.
/// </summary>
/// <remarks>
/// Values are big-endian int16: joint angles and orientation angles in degrees x 100, positions in
/// millimetres x 10 (pymycobot's <c>_encode_int16</c>, <c>_angle2int</c>, <c>_coord2int</c>). Speeds and
/// gripper values are single bytes. Unit conversions live in <see cref="MyCobotUnits"/>.
/// </remarks>
public static class MyCobotProtocol
{
    /// <summary>Each of the two header bytes.</summary>
    public const byte Header = 0xFE;

    /// <summary>The footer byte.</summary>
    public const byte Footer = 0xFA;

    /// <summary>Bytes of a frame besides its data: two header bytes, LEN, CMD and the footer.</summary>
    public const int FrameOverhead = 5;

    /// <summary>
    /// Largest LEN accepted (30): pymycobot's read loop drops frames whose LEN is negative as a signed
    /// byte or above 30, and no command here comes near it (Send Coords has LEN 16).
    /// </summary>
    public const int MaxLengthByte = 30;

    /// <summary>Most data bytes a frame may carry (<see cref="MaxLengthByte"/> - 2).</summary>
    public const int MaxDataLength = MaxLengthByte - 2;

    /// <summary>Longest frame on the wire.</summary>
    public const int MaxFrameLength = MaxDataLength + FrameOverhead;

    /// <summary>Joints of the arm (the gripper is not one of them in the protocol).</summary>
    public const int JointCount = 6;

    /// <summary>Values in a coordinate frame: x, y, z, rx, ry, rz.</summary>
    public const int CoordinateCount = 6;

    /// <summary>Data bytes of a Get Angles reply: six int16.</summary>
    public const int AnglesDataLength = 2 * JointCount;

    /// <summary>Data bytes of a Get Coords reply: six int16.</summary>
    public const int CoordsDataLength = 2 * CoordinateCount;

    /// <summary>Lowest speed of a joint move (pymycobot checks 1 ~ 100 for the 280).</summary>
    public const int MinJointSpeed = 1;

    /// <summary>Highest speed of any move.</summary>
    public const int MaxSpeed = 100;

    /// <summary>Highest gripper value (fully open; 0 is closed).</summary>
    public const int MaxGripperValue = 100;

    /// <summary>Encodes a frame with <paramref name="data"/> (at most <see cref="MaxDataLength"/> bytes).</summary>
    /// <returns>The frame's length in bytes.</returns>
    /// <exception cref="ArgumentException">The data is too long or the destination too small.</exception>
    public static int EncodeFrame(Span<byte> destination, MyCobotCommand command, ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxDataLength)
        {
            throw new ArgumentException($"A frame carries at most {MaxDataLength} data bytes, not {data.Length}.", nameof(data));
        }

        int length = data.Length + FrameOverhead;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The frame needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = Header;
        destination[1] = Header;
        destination[2] = (byte)(data.Length + 2);
        destination[3] = (byte)command;
        data.CopyTo(destination[4..]);
        destination[length - 1] = Footer;
        return length;
    }

    /// <summary>Encodes a command without data, such as <see cref="MyCobotCommand.GetAngles"/>: <c>FE FE 02 CMD FA</c>.</summary>
    /// <returns>The frame's length (5).</returns>
    public static int EncodeCommand(Span<byte> destination, MyCobotCommand command) => EncodeFrame(destination, command, []);

    /// <summary>Encodes a command with one data byte, such as <see cref="MyCobotCommand.SetRefreshMode"/>.</summary>
    /// <returns>The frame's length (6).</returns>
    public static int EncodeCommand(Span<byte> destination, MyCobotCommand command, byte value)
    {
        ReadOnlySpan<byte> data = [value];
        return EncodeFrame(destination, command, data);
    }

    /// <summary>Encodes Send Angles: six angles (degrees x 100) and a speed.</summary>
    /// <param name="destination">At least 18 bytes.</param>
    /// <param name="centidegrees">Six joint angles, degrees x 100.</param>
    /// <param name="speed">1 to 100.</param>
    /// <returns>The frame's length (18).</returns>
    /// <exception cref="ArgumentException">Not six angles.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The speed is out of range.</exception>
    public static int EncodeSendAngles(Span<byte> destination, ReadOnlySpan<short> centidegrees, int speed)
    {
        if (centidegrees.Length != JointCount)
        {
            throw new ArgumentException($"Send Angles carries {JointCount} angles, not {centidegrees.Length}.", nameof(centidegrees));
        }

        ValidateSpeed(speed, MinJointSpeed, nameof(speed));
        Span<byte> data = stackalloc byte[AnglesDataLength + 1];
        WriteInt16Values(data, centidegrees);
        data[AnglesDataLength] = (byte)speed;
        return EncodeFrame(destination, MyCobotCommand.SendAngles, data);
    }

    /// <summary>Encodes Send Angle: one joint (1-6), its angle (degrees x 100) and a speed.</summary>
    /// <returns>The frame's length (9).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The joint or the speed is out of range.</exception>
    public static int EncodeSendAngle(Span<byte> destination, int joint, short centidegrees, int speed)
    {
        if (joint is < 1 or > JointCount)
        {
            throw new ArgumentOutOfRangeException(nameof(joint), joint, $"Joints are numbered 1 to {JointCount}.");
        }

        ValidateSpeed(speed, MinJointSpeed, nameof(speed));
        Span<byte> data = stackalloc byte[4];
        data[0] = (byte)joint;
        BinaryPrimitives.WriteInt16BigEndian(data[1..], centidegrees);
        data[3] = (byte)speed;
        return EncodeFrame(destination, MyCobotCommand.SendAngle, data);
    }

    /// <summary>Encodes Send Coords: x, y, z (mm x 10), rx, ry, rz (degrees x 100), a speed and a mode.</summary>
    /// <param name="destination">At least 19 bytes.</param>
    /// <param name="coordinates">Six values, scaled as the protocol wants them.</param>
    /// <param name="speed">1 to 100.</param>
    /// <param name="mode">0 angular (joint interpolation), 1 linear.</param>
    /// <returns>The frame's length (19).</returns>
    /// <exception cref="ArgumentException">Not six values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The speed or the mode is out of range.</exception>
    public static int EncodeSendCoords(Span<byte> destination, ReadOnlySpan<short> coordinates, int speed, int mode)
    {
        if (coordinates.Length != CoordinateCount)
        {
            throw new ArgumentException($"Send Coords carries {CoordinateCount} values, not {coordinates.Length}.", nameof(coordinates));
        }

        ValidateSpeed(speed, MinJointSpeed, nameof(speed));
        if (mode is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "The mode is 0 (angular) or 1 (linear).");
        }

        Span<byte> data = stackalloc byte[CoordsDataLength + 2];
        WriteInt16Values(data, coordinates);
        data[CoordsDataLength] = (byte)speed;
        data[CoordsDataLength + 1] = (byte)mode;
        return EncodeFrame(destination, MyCobotCommand.SendCoords, data);
    }

    /// <summary>Encodes Set Gripper Value: the value 0 (closed) to 100 (open) and a speed 0 to 100.</summary>
    /// <returns>The frame's length (7).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value or the speed is out of range.</exception>
    public static int EncodeSetGripperValue(Span<byte> destination, int value, int speed)
    {
        if (value is < 0 or > MaxGripperValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The gripper value ranges from 0 (closed) to {MaxGripperValue} (open).");
        }

        ValidateSpeed(speed, 0, nameof(speed));
        ReadOnlySpan<byte> data = [(byte)value, (byte)speed];
        return EncodeFrame(destination, MyCobotCommand.SetGripperValue, data);
    }

    /// <summary>Encodes Set Gripper State: open, close or release, and a speed 0 to 100.</summary>
    /// <returns>The frame's length (7).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The state or the speed is out of range.</exception>
    public static int EncodeSetGripperState(Span<byte> destination, MyCobotGripperState state, int speed)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "The gripper state is Open (0), Close (1) or Release (254).");
        }

        ValidateSpeed(speed, 0, nameof(speed));
        ReadOnlySpan<byte> data = [(byte)state, (byte)speed];
        return EncodeFrame(destination, MyCobotCommand.SetGripperState, data);
    }

    /// <summary>Writes int16 values big-endian, two bytes each.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public static void WriteInt16Values(Span<byte> destination, ReadOnlySpan<short> values)
    {
        if (destination.Length < 2 * values.Length)
        {
            throw new ArgumentException($"{values.Length} values need {2 * values.Length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[(2 * i)..], values[i]);
        }
    }

    /// <summary>Reads big-endian int16 values, two bytes each, into <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> holds fewer than two bytes per value.</exception>
    public static void ReadInt16Values(ReadOnlySpan<byte> data, Span<short> values)
    {
        if (data.Length < 2 * values.Length)
        {
            throw new ArgumentException($"{values.Length} values need {2 * values.Length} bytes; the data has {data.Length}.", nameof(data));
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt16BigEndian(data[(2 * i)..]);
        }
    }

    private static void ValidateSpeed(int speed, int min, string parameterName)
    {
        if (speed < min || speed > MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(parameterName, speed, $"The speed ranges from {min} to {MaxSpeed}.");
        }
    }
}
