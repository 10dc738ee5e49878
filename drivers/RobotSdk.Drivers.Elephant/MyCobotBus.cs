using System.Diagnostics;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// The myCobot 280's serial link: one request at a time, replies matched by CMD, bounded retries,
/// counters, and no allocation or exception for link faults.
/// </summary>
/// <remarks>
/// <para>
/// The bus does not own its port: the constructor never opens it, <see cref="Open"/> and
/// <see cref="Close"/> do, and whoever created the port disposes it. One caller at a time.
/// </para>
/// <para>
/// A query (<see cref="ReadAngles"/>, <see cref="ReadPowerState"/>, <see cref="ReadGripperValue"/>...)
/// throws away stale input, sends its request and waits up to <see cref="MyCobotBusOptions.ReplyTimeoutMs"/>
/// for a frame with its own CMD. Frames with another CMD (a late reply to an earlier request, the
/// acknowledgement some firmware sends for set commands) are skipped and counted in
/// <see cref="StaleFrames"/>; damaged bytes are skipped up to the next header. A reply with the right
/// CMD but the wrong length or impossible values (the protocol has no checksum, so this is the only
/// check there is) ends the attempt as corrupt. A failed attempt is retried up to
/// <see cref="MyCobotBusOptions.Retries"/> times, as pymycobot's <c>MyCobot280._res</c> does.
/// </para>
/// <para>
/// A set command (<see cref="SendAngles"/>, <see cref="PowerOn"/>...) is written once and not waited
/// for: the Atom firmware this driver targets does not answer set commands, and later firmware that
/// acknowledges them (<c>FE FE 03 CMD 01 FA</c>) does not guarantee it either. Without a reply nothing
/// says whether one arrived, so it is not retried; the driver resends the arm's goals every cycle.
/// </para>
/// <para>
/// Every method returns a <see cref="MyCobotStatus"/> and, when it is not Ok, records a
/// <see cref="HardwareFaultException"/> naming the port and the command in <see cref="Diagnostics"/>
/// (made once per command and reused). Misuse (wrong span lengths, speeds out of range) throws.
/// </para>
/// </remarks>
public sealed class MyCobotBus
{
    private const short MaxPlausibleAngleSteps = 20_000; // 200 degrees: beyond any joint's range
    private const short MaxPlausiblePositionSteps = 10_000; // 1 m: beyond the 280's reach

    private readonly ISerialPort _port;
    private readonly MyCobotBusOptions _options;
    private readonly MyCobotFrameDecoder _decoder = new();
    private readonly MyCobotFaults _faults;
    private readonly byte[] _request = new byte[MyCobotProtocol.MaxFrameLength];
    private readonly byte[] _reply = new byte[MyCobotProtocol.MaxDataLength];
    private long _staleFrames;

    /// <summary>Creates a bus over <paramref name="port"/>; nothing is opened or sent.</summary>
    /// <param name="port">The serial port of the M5 base (or the emulator's pty); the caller keeps ownership.</param>
    /// <param name="options">Retries, reply timeout and baud rate; defaults when null. Copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MyCobotBus(ISerialPort port, MyCobotBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _options = options?.Copy() ?? new MyCobotBusOptions();
        _options.Validate();
        _port = port;
        _faults = new MyCobotFaults(port.PortName, _options.Retries + 1, _options.ReplyTimeoutMs);
    }

    /// <summary>The port's name, as used in every fault.</summary>
    public string PortName => _port.PortName;

    /// <summary>Whether the port is open.</summary>
    public bool IsOpen => _port.IsOpen;

    /// <summary>Transactions, retries, timeouts, corrupt replies and the last fault.</summary>
    public DriverDiagnostics Diagnostics { get; } = new();

    /// <summary>
    /// Frames skipped while waiting for a reply because they carried another command's CMD: late
    /// replies to earlier requests and acknowledgements of set commands.
    /// </summary>
    public long StaleFrames => Interlocked.Read(ref _staleFrames);

    /// <summary>Headers with a bad LEN or no footer skipped so far (each attempt that saw one also counts as a corrupt reply).</summary>
    public long RejectedFrames => _decoder.RejectedFrames;

    /// <summary>The device that vanished, when a transaction ended <see cref="MyCobotStatus.Disconnected"/>.</summary>
    public DeviceDisconnectedException? Disconnection { get; private set; }

    /// <summary>Opens the port at <see cref="MyCobotBusOptions.BaudRate"/>, or sets that rate if it is already open.</summary>
    /// <exception cref="DeviceUnavailableException">The port cannot be opened.</exception>
    public void Open()
    {
        if (_port.BaudRate != _options.BaudRate)
        {
            _port.BaudRate = _options.BaudRate;
        }

        if (!_port.IsOpen)
        {
            _port.Open();
        }

        Disconnection = null;
    }

    /// <summary>Closes the port (it can be opened again); does not dispose it.</summary>
    public void Close() => _port.Close();

    /// <summary>Reads the six joint angles, degrees (Get Angles, 0x20).</summary>
    /// <param name="degrees">At least six values; joint 1 first.</param>
    /// <exception cref="ArgumentException">Fewer than six values.</exception>
    public MyCobotStatus ReadAngles(Span<double> degrees)
    {
        ThrowIfTooShort(degrees.Length, MyCobotProtocol.JointCount, nameof(degrees));
        MyCobotStatus status = Query(MyCobotCommand.GetAngles, ReplyShape.Angles, out _);
        if (status == MyCobotStatus.Ok)
        {
            Span<short> steps = stackalloc short[MyCobotProtocol.JointCount];
            MyCobotProtocol.ReadInt16Values(_reply, steps);
            for (int i = 0; i < steps.Length; i++)
            {
                degrees[i] = MyCobotUnits.StepsToDegrees(steps[i]);
            }
        }

        return status;
    }

    /// <summary>Reads the flange pose (Get Coords, 0x23): x, y, z in millimetres, rx, ry, rz in degrees.</summary>
    /// <param name="coordinates">At least six values.</param>
    /// <exception cref="ArgumentException">Fewer than six values.</exception>
    public MyCobotStatus ReadCoords(Span<double> coordinates)
    {
        ThrowIfTooShort(coordinates.Length, MyCobotProtocol.CoordinateCount, nameof(coordinates));
        MyCobotStatus status = Query(MyCobotCommand.GetCoords, ReplyShape.Coords, out _);
        if (status == MyCobotStatus.Ok)
        {
            Span<short> steps = stackalloc short[MyCobotProtocol.CoordinateCount];
            MyCobotProtocol.ReadInt16Values(_reply, steps);
            for (int i = 0; i < steps.Length; i++)
            {
                coordinates[i] = i < 3 ? steps[i] / MyCobotUnits.StepsPerMillimetre : MyCobotUnits.StepsToDegrees(steps[i]);
            }
        }

        return status;
    }

    /// <summary>Asks whether the servos are powered (Is Powered On, 0x12).</summary>
    public MyCobotStatus ReadPowerState(out bool poweredOn)
    {
        MyCobotStatus status = Query(MyCobotCommand.IsPoweredOn, ReplyShape.Flag, out _);
        poweredOn = status == MyCobotStatus.Ok && _reply[0] == 1;
        return status;
    }

    /// <summary>Asks whether the firmware executes the latest command at once (refresh mode) or queues them (Get Refresh Mode, 0x17).</summary>
    public MyCobotStatus ReadRefreshMode(out bool refresh)
    {
        MyCobotStatus status = Query(MyCobotCommand.GetRefreshMode, ReplyShape.Flag, out _);
        refresh = status == MyCobotStatus.Ok && _reply[0] == 1;
        return status;
    }

    /// <summary>
    /// Reads the gripper's opening (Get Gripper Value, 0x65): 0 closed to 100 open. A one-byte reply is
    /// read unsigned, a two-byte reply as int16 (both forms pymycobot accepts).
    /// </summary>
    public MyCobotStatus ReadGripperValue(out int value)
    {
        MyCobotStatus status = Query(MyCobotCommand.GetGripperValue, ReplyShape.GripperValue, out int length);
        value = status != MyCobotStatus.Ok ? -1
            : length == 1 ? _reply[0]
            : System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(_reply);
        return status;
    }

    /// <summary>Powers the servos, which then hold where they are (Power On, 0x10). Not answered.</summary>
    public MyCobotStatus PowerOn() => SendCommand(MyCobotCommand.PowerOn);

    /// <summary>Cuts the servos' power (Power Off, 0x11): the arm falls unless supported. Not answered.</summary>
    public MyCobotStatus PowerOff() => SendCommand(MyCobotCommand.PowerOff);

    /// <summary>Releases every servo: torque off, joints movable by hand, state still readable (Release All Servos, 0x13). Not answered.</summary>
    public MyCobotStatus ReleaseAllServos() => SendCommand(MyCobotCommand.ReleaseAllServos);

    /// <summary>Chooses refresh mode (the latest command runs at once) or queue mode (Set Refresh Mode, 0x16). Not answered.</summary>
    public MyCobotStatus SetRefreshMode(bool refresh) =>
        Send(MyCobotCommand.SetRefreshMode, MyCobotProtocol.EncodeCommand(_request, MyCobotCommand.SetRefreshMode, refresh ? (byte)1 : (byte)0));

    /// <summary>Moves all six joints (Send Angles, 0x22). Not answered.</summary>
    /// <param name="degrees">Six angles, degrees (rounded to 0.01).</param>
    /// <param name="speed">1 to 100 (percent of the firmware's top speed).</param>
    /// <exception cref="ArgumentException">Not six angles.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The speed is out of range.</exception>
    public MyCobotStatus SendAngles(ReadOnlySpan<double> degrees, int speed)
    {
        if (degrees.Length != MyCobotProtocol.JointCount)
        {
            throw new ArgumentException($"Send Angles carries {MyCobotProtocol.JointCount} angles, not {degrees.Length}.", nameof(degrees));
        }

        Span<short> steps = stackalloc short[MyCobotProtocol.JointCount];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = MyCobotUnits.DegreesToSteps(degrees[i]);
        }

        return Send(MyCobotCommand.SendAngles, MyCobotProtocol.EncodeSendAngles(_request, steps, speed));
    }

    /// <summary>Moves one joint (Send Angle, 0x21). Not answered.</summary>
    /// <param name="joint">1 to 6.</param>
    /// <param name="degrees">Its angle, degrees.</param>
    /// <param name="speed">1 to 100.</param>
    /// <exception cref="ArgumentOutOfRangeException">The joint or the speed is out of range.</exception>
    public MyCobotStatus SendAngle(int joint, double degrees, int speed) =>
        Send(MyCobotCommand.SendAngle, MyCobotProtocol.EncodeSendAngle(_request, joint, MyCobotUnits.DegreesToSteps(degrees), speed));

    /// <summary>Moves the flange to a pose (Send Coords, 0x25). Not answered.</summary>
    /// <param name="coordinates">x, y, z in millimetres, rx, ry, rz in degrees.</param>
    /// <param name="speed">1 to 100.</param>
    /// <param name="mode">0 angular, 1 linear.</param>
    /// <exception cref="ArgumentException">Not six values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The speed or the mode is out of range.</exception>
    public MyCobotStatus SendCoords(ReadOnlySpan<double> coordinates, int speed, int mode)
    {
        if (coordinates.Length != MyCobotProtocol.CoordinateCount)
        {
            throw new ArgumentException($"Send Coords carries {MyCobotProtocol.CoordinateCount} values, not {coordinates.Length}.", nameof(coordinates));
        }

        Span<short> steps = stackalloc short[MyCobotProtocol.CoordinateCount];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = i < 3 ? MyCobotUnits.MetresToSteps(coordinates[i] / 1000) : MyCobotUnits.DegreesToSteps(coordinates[i]);
        }

        return Send(MyCobotCommand.SendCoords, MyCobotProtocol.EncodeSendCoords(_request, steps, speed, mode));
    }

    /// <summary>Moves the gripper (Set Gripper Value, 0x67). Not answered.</summary>
    /// <param name="value">0 (closed) to 100 (open).</param>
    /// <param name="speed">0 to 100.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value or the speed is out of range.</exception>
    public MyCobotStatus SetGripperValue(int value, int speed) =>
        Send(MyCobotCommand.SetGripperValue, MyCobotProtocol.EncodeSetGripperValue(_request, value, speed));

    /// <summary>Opens, closes or releases the gripper (Set Gripper State, 0x66). Not answered.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The state or the speed is out of range.</exception>
    public MyCobotStatus SetGripperState(MyCobotGripperState state, int speed) =>
        Send(MyCobotCommand.SetGripperState, MyCobotProtocol.EncodeSetGripperState(_request, state, speed));

    private static void ThrowIfTooShort(int length, int needed, string parameterName)
    {
        if (length < needed)
        {
            throw new ArgumentException($"Room for {needed} values is needed; got {length}.", parameterName);
        }
    }

    private static bool IsPlausible(ReplyShape shape, ReadOnlySpan<byte> data)
    {
        switch (shape)
        {
            case ReplyShape.Angles:
            case ReplyShape.Coords:
                if (data.Length != 2 * MyCobotProtocol.JointCount)
                {
                    return false;
                }

                Span<short> values = stackalloc short[MyCobotProtocol.JointCount];
                MyCobotProtocol.ReadInt16Values(data, values);
                for (int i = 0; i < values.Length; i++)
                {
                    short limit = shape == ReplyShape.Coords && i < 3 ? MaxPlausiblePositionSteps : MaxPlausibleAngleSteps;
                    if (Math.Abs((int)values[i]) > limit)
                    {
                        return false;
                    }
                }

                return true;
            case ReplyShape.Flag:
                return data.Length == 1 && data[0] is 0 or 1;
            case ReplyShape.GripperValue:
                return data.Length is 1 or 2;
            default:
                return false;
        }
    }

    private MyCobotStatus SendCommand(MyCobotCommand command) => Send(command, MyCobotProtocol.EncodeCommand(_request, command));

    /// <summary>Writes a set command once; no reply is awaited.</summary>
    private MyCobotStatus Send(MyCobotCommand command, int requestLength)
    {
        Diagnostics.CountTransaction();
        MyCobotStatus status;
        try
        {
            _port.Write(_request.AsSpan(0, requestLength));
            return MyCobotStatus.Ok;
        }
        catch (HardwareFaultException failure)
        {
            status = ClassifyPortFailure(failure);
        }

        if (status == MyCobotStatus.Timeout)
        {
            Diagnostics.CountTimeout();
            Diagnostics.RecordFault(_faults.NotSent(command));
        }
        else
        {
            Diagnostics.RecordFault(Disconnection!);
        }

        return status;
    }

    /// <summary>Sends a query and waits for its reply, with bounded retries; the reply's data lands in <c>_reply</c>.</summary>
    private MyCobotStatus Query(MyCobotCommand command, ReplyShape shape, out int replyLength)
    {
        int requestLength = MyCobotProtocol.EncodeCommand(_request, command);
        Diagnostics.CountTransaction();
        MyCobotStatus status = MyCobotStatus.Timeout;
        replyLength = 0;
        for (int attempt = 0; attempt <= _options.Retries; attempt++)
        {
            if (attempt > 0)
            {
                Diagnostics.CountRetry();
            }

            status = Attempt(command, requestLength, shape, out replyLength);
            if (status == MyCobotStatus.Timeout)
            {
                Diagnostics.CountTimeout();
            }
            else if (status == MyCobotStatus.Corrupt)
            {
                Diagnostics.CountCorruptReply();
            }
            else
            {
                break;
            }
        }

        switch (status)
        {
            case MyCobotStatus.Timeout:
                Diagnostics.RecordFault(_faults.NoReply(command));
                break;
            case MyCobotStatus.Corrupt:
                Diagnostics.RecordFault(_faults.Damaged(command));
                break;
            case MyCobotStatus.Disconnected:
                Diagnostics.RecordFault(Disconnection!);
                break;
        }

        return status;
    }

    private MyCobotStatus Attempt(MyCobotCommand command, int requestLength, ReplyShape shape, out int replyLength)
    {
        replyLength = 0;
        try
        {
            _port.DiscardInput();
            _decoder.Clear();
            _port.Write(_request.AsSpan(0, requestLength));
            long deadline = Stopwatch.GetTimestamp() + (_options.ReplyTimeoutMs * Stopwatch.Frequency / 1000);
            bool damaged = false;
            while (true)
            {
                switch (_decoder.TryDecode(out MyCobotFrame frame))
                {
                    case MyCobotDecodeResult.Frame when frame.CommandByte == (byte)command:
                        if (!IsPlausible(shape, frame.Data))
                        {
                            return MyCobotStatus.Corrupt;
                        }

                        frame.Data.CopyTo(_reply);
                        replyLength = frame.Data.Length;
                        return MyCobotStatus.Ok;
                    case MyCobotDecodeResult.Frame:
                        Interlocked.Increment(ref _staleFrames);
                        continue;
                    case MyCobotDecodeResult.Rejected:
                        damaged = true;
                        continue;
                }

                long remainingTicks = deadline - Stopwatch.GetTimestamp();
                int waitMs = (int)(((remainingTicks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
                int read = remainingTicks > 0 ? _port.Read(_decoder.GetAppendBuffer(), waitMs) : 0;
                if (read == 0)
                {
                    return damaged ? MyCobotStatus.Corrupt : MyCobotStatus.Timeout;
                }

                _decoder.Commit(read);
            }
        }
        catch (HardwareFaultException failure)
        {
            return ClassifyPortFailure(failure);
        }
    }

    /// <summary>A write that could not complete is a timeout; anything else the port throws means the device is gone.</summary>
    private MyCobotStatus ClassifyPortFailure(HardwareFaultException failure)
    {
        if (failure is HardwareTimeoutException)
        {
            return MyCobotStatus.Timeout;
        }

        Disconnection = failure as DeviceDisconnectedException ?? new DeviceDisconnectedException(PortName, failure.Reason, failure);
        return MyCobotStatus.Disconnected;
    }

    /// <summary>What a query's reply must look like.</summary>
    private enum ReplyShape
    {
        Angles,
        Coords,
        Flag,
        GripperValue,
    }
}
