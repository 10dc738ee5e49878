using System.Diagnostics;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>The transaction engine shared by both halves: send, receive with resynchronisation, retry, classify.</summary>
public sealed partial class DynamixelBus
{
    private const int ParameterCapacity = 2048;
    private const int ReceiveCapacity = 4096;

    /// <summary>Header (7), INST, error byte and CRC (2) of a status packet.</summary>
    private const int StatusOverhead = 11;

    private readonly byte[] _transmit = new byte[PacketEncoder.MaxPacketLength(ParameterCapacity)];
    private readonly byte[] _parameters = new byte[ParameterCapacity];
    private readonly byte[] _receive = new byte[ReceiveCapacity];
    private readonly byte[] _reply = new byte[ReceiveCapacity];
    private readonly byte[] _ids = new byte[ServoIds.MaxServoId + 1];
    private readonly ExpectedReply[] _expected = new ExpectedReply[ServoIds.MaxServoId + 1];
    private readonly Dictionary<long, HardwareFaultException> _realTimeFaults = [];
    private int _receiveLength;
    private int _attempts;
    private int _timeoutMs;
    private byte _faultId;
    private ushort _faultAddress;
    private int _faultLength;
    private StatusError _faultError;
    private HardwareFaultException? _portFailure;

    private enum ReplyKind
    {
        None,
        EachServo,
        Fast,
    }

    private BusStatus Transact(
        byte id,
        Instruction instruction,
        ReadOnlySpan<byte> parameters,
        ushort address,
        int replyLength,
        Span<byte> destination,
        int retries,
        string operation,
        bool realTime)
    {
        int transmitLength = PacketEncoder.EncodeInstruction(_transmit, id, instruction, parameters);
        _faultId = id;
        _faultAddress = address;
        _faultLength = replyLength;
        if (id == ServoIds.Broadcast)
        {
            return Run(transmitLength, ReplyKind.None, 0, [], retries, operation, realTime);
        }

        _expected[0] = new ExpectedReply(id, address, replyLength, 0);
        return Run(transmitLength, ReplyKind.EachServo, 1, destination, retries, operation, realTime);
    }

    private BusStatus Run(int transmitLength, ReplyKind kind, int count, Span<byte> destination, int retries, string operation, bool realTime)
    {
        Diagnostics.CountTransaction();
        BusStatus status = BusStatus.Ok;
        _faultError = StatusError.None;
        _portFailure = null;
        _attempts = 0;
        while (_attempts <= retries)
        {
            if (_attempts++ > 0)
            {
                Diagnostics.CountRetry();
            }

            status = Attempt(transmitLength, kind, count, destination);
            if (status is not (BusStatus.Timeout or BusStatus.Corrupt))
            {
                break;
            }
        }

        if (status != BusStatus.Ok && realTime)
        {
            Diagnostics.RecordFault(RealTimeFault(status, operation));
        }

        return status;
    }

    private BusStatus Attempt(int transmitLength, ReplyKind kind, int count, Span<byte> destination)
    {
        if (!_port.IsOpen)
        {
            _portFailure = null;
            return BusStatus.Disconnected;
        }

        try
        {
            _port.DiscardInput();
            _receiveLength = 0;
            _port.Write(_transmit.AsSpan(0, transmitLength));
            if (kind == ReplyKind.None)
            {
                return BusStatus.Ok;
            }

            _timeoutMs = TimeoutMs(transmitLength, kind, count);
            long deadline = Stopwatch.GetTimestamp() + (_timeoutMs * Stopwatch.Frequency / 1000);
            return kind == ReplyKind.Fast ? ReceiveFast(count, destination, deadline) : ReceiveEach(count, destination, deadline);
        }
        catch (HardwareTimeoutException failure)
        {
            // The port's output queue stayed full: nothing is draining the line.
            _portFailure = failure;
            Diagnostics.CountTimeout();
            return BusStatus.Timeout;
        }
        catch (HardwareFaultException failure)
        {
            // DeviceDisconnectedException, or another I/O failure that leaves the port unusable.
            _portFailure = failure;
            return BusStatus.Disconnected;
        }
    }

    /// <summary>The caller's margin plus the wire time of request and replies at the port's rate, plus up to 1 ms return delay per reply.</summary>
    private int TimeoutMs(int transmitLength, ReplyKind kind, int count)
    {
        int replyBytes = 0;
        if (kind == ReplyKind.Fast)
        {
            replyBytes = 8 + (count * (_expected[0].Length + FastSyncReadReply.BlockOverhead));
        }
        else
        {
            for (int index = 0; index < count; index++)
            {
                replyBytes += StatusOverhead + _expected[index].Length;
            }
        }

        long wireMicroseconds = (transmitLength + replyBytes) * 10_000_000L / Math.Max(1, _port.BaudRate);
        return _replyTimeoutMs + (int)((wireMicroseconds + 999) / 1000) + count;
    }

    private BusStatus ReceiveEach(int count, Span<byte> destination, long deadline)
    {
        BusStatus worst = BusStatus.Ok;
        for (int index = 0; index < count; index++)
        {
            ExpectedReply expected = _expected[index];
            BusStatus status = Receive(expected.Id, deadline, out DecodedPacket packet);
            if (status != BusStatus.Ok)
            {
                return Failed(status, expected, StatusError.None);
            }

            var error = new StatusError(_reply[0]);
            int dataLength = packet.ParameterLength - 1;
            if (dataLength == expected.Length)
            {
                _reply.AsSpan(1, dataLength).CopyTo(destination[expected.Offset..]);
            }
            else if (!(error.HasError && dataLength == 0))
            {
                return Failed(BusStatus.Corrupt, expected, error);
            }

            if (!error.IsOk)
            {
                Diagnostics.CountDeviceError();
                BusStatus reported = error.HasHardwareAlert ? BusStatus.HardwareAlert : BusStatus.DeviceError;
                if (worst == BusStatus.Ok || (reported == BusStatus.HardwareAlert && worst == BusStatus.DeviceError))
                {
                    worst = reported;
                    NoteFault(expected, error);
                }
            }
        }

        return worst;
    }

    private BusStatus ReceiveFast(int count, Span<byte> destination, long deadline)
    {
        ExpectedReply first = _expected[0];
        var whole = new ExpectedReply(ServoIds.Broadcast, first.Address, first.Length, 0);
        BusStatus status = Receive(ServoIds.Broadcast, deadline, out DecodedPacket packet);
        if (status == BusStatus.Timeout)
        {
            // Servos append their blocks in list order, so the first silent one ends the bytes that came.
            return Failed(status, whole with { Id = _ids[SilentServoIndex(count, first.Length)] }, StatusError.None);
        }

        if (status != BusStatus.Ok)
        {
            return Failed(status, whole, StatusError.None);
        }

        PacketDecodeResult parsed = FastSyncReadReply.Parse(
            _reply.AsSpan(0, packet.ParameterLength), _ids.AsSpan(0, count), first.Length, destination, out StatusError error, out int errorIndex);
        if (parsed != PacketDecodeResult.Ok)
        {
            return Failed(BusStatus.Corrupt, whole, StatusError.None);
        }

        if (errorIndex < 0)
        {
            return BusStatus.Ok;
        }

        Diagnostics.CountDeviceError();
        NoteFault(_expected[errorIndex], error);
        return error.HasHardwareAlert ? BusStatus.HardwareAlert : BusStatus.DeviceError;
    }

    /// <summary>
    /// Which servo of a timed-out Fast Sync Read fell silent: the one after the complete blocks
    /// of the partial reply left in the receive buffer (stuffing bytes could only make it later).
    /// </summary>
    private int SilentServoIndex(int count, int dataLength)
    {
        bool started = _receiveLength > 8 && _receive[4] == ServoIds.Broadcast && _receive[7] == (byte)Instruction.Status;
        int complete = started ? (_receiveLength - 8) / (dataLength + FastSyncReadReply.BlockOverhead) : 0;
        return Math.Min(complete, count - 1);
    }

    private BusStatus Failed(BusStatus status, ExpectedReply expected, StatusError error)
    {
        if (status == BusStatus.Timeout)
        {
            Diagnostics.CountTimeout();
        }
        else if (status == BusStatus.Corrupt)
        {
            Diagnostics.CountCorruptReply();
        }

        NoteFault(expected, error);
        return status;
    }

    private void NoteFault(ExpectedReply expected, StatusError error)
    {
        _faultId = expected.Id;
        _faultAddress = expected.Address;
        _faultLength = expected.Length;
        _faultError = error;
    }

    /// <summary>
    /// Waits for the next intact status packet from <paramref name="expectedId"/>, skipping
    /// noise before a header, impossible lengths, echoes and replies of other servos
    /// (stale ones from an earlier, failed attempt). Its parameters land in <see cref="_reply"/>.
    /// </summary>
    private BusStatus Receive(byte expectedId, long deadline, out DecodedPacket packet)
    {
        while (true)
        {
            Consume(PacketDecoder.FindHeader(_receive.AsSpan(0, _receiveLength)));
            FrameResult frame = PacketDecoder.TryFrame(_receive.AsSpan(0, _receiveLength), ReceiveCapacity, out int packetLength);
            if (frame == FrameResult.Invalid)
            {
                Consume(1);
                continue;
            }

            if (frame == FrameResult.Complete)
            {
                PacketDecodeResult result = PacketDecoder.Decode(_receive.AsSpan(0, packetLength), _reply, out packet);
                Consume(packetLength);
                if (result != PacketDecodeResult.Ok)
                {
                    return BusStatus.Corrupt;
                }

                if (packet.Instruction == Instruction.Status && packet.Id == expectedId && packet.ParameterLength >= 1)
                {
                    return BusStatus.Ok;
                }

                continue;
            }

            long remainingTicks = deadline - Stopwatch.GetTimestamp();
            int remainingMs = (int)(((remainingTicks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
            int count = remainingMs > 0 ? _port.Read(_receive.AsSpan(_receiveLength), remainingMs) : 0;
            if (count == 0)
            {
                packet = default;
                return BusStatus.Timeout;
            }

            _receiveLength += count;
        }
    }

    private void Consume(int count)
    {
        if (count <= 0)
        {
            return;
        }

        _receive.AsSpan(count, _receiveLength - count).CopyTo(_receive);
        _receiveLength -= count;
    }

    /// <summary>The exception for a failed set-up call; recorded in the diagnostics, thrown by the caller.</summary>
    private HardwareFaultException Fault(BusStatus status, byte id, string? register, string operation)
    {
        HardwareFaultException fault = CreateFault(status, id, register, operation);
        Diagnostics.RecordFault(fault);
        return fault;
    }

    /// <summary>
    /// The fault a real-time call records. Each distinct (outcome, servo, range, error byte)
    /// is built once and reused, so a servo failing every cycle allocates nothing after the first time.
    /// </summary>
    private HardwareFaultException RealTimeFault(BusStatus status, string operation)
    {
        long key = ((long)status << 56) | ((long)_faultId << 48) | ((long)_faultAddress << 32) | ((long)_faultError.Raw << 24) | (uint)(_faultLength & 0xFFFFFF);
        if (!_realTimeFaults.TryGetValue(key, out HardwareFaultException? fault))
        {
            fault = CreateFault(status, _faultId, XSeriesControlTable.Describe(_faultAddress, _faultLength), operation);
            _realTimeFaults[key] = fault;
        }

        return fault;
    }

    private HardwareFaultException CreateFault(BusStatus status, byte id, string? register, string operation)
    {
        int? deviceId = id == ServoIds.Broadcast ? null : id;
        string attempts = _attempts == 1 ? "1 attempt" : $"{_attempts} attempts";
        return status switch
        {
            BusStatus.Timeout when _portFailure is HardwareTimeoutException => new HardwareTimeoutException(
                PortName, deviceId, register, $"{operation}: the request could not be sent ({attempts}); is the adapter stuck?"),
            BusStatus.Timeout => new HardwareTimeoutException(
                PortName, deviceId, register, $"no reply to {operation} within {_timeoutMs} ms ({attempts}); check power, wiring, ID and baud rate ({_port.BaudRate})"),
            BusStatus.Corrupt => new CorruptPacketException(
                PortName, deviceId, register, $"the reply to {operation} failed its CRC check or was malformed ({attempts}); check the cable and for duplicate IDs"),
            BusStatus.DeviceError or BusStatus.HardwareAlert => new DeviceErrorException(
                PortName, deviceId, register, _faultError.Raw, $"{operation}: {_faultError.Describe()}", _faultError.HasHardwareAlert),
            _ => new DeviceDisconnectedException(
                PortName, $"{operation}: the port is closed or the device vanished", _portFailure),
        };
    }

    private readonly record struct ExpectedReply(byte Id, ushort Address, int Length, int Offset);
}
