using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// A Feetech STS/SMS servo bus over a serial port: Ping, Read, Write, RegWrite/Action, Reset,
/// Sync Read and Sync Write, with bounded retries, reply classification and counters.
/// </summary>
/// <remarks>
/// <para>
/// The bus does not own its port: the constructor never opens it, <see cref="Open"/> and
/// <see cref="Close"/> do, and whoever created the port disposes it. One caller at a time.
/// </para>
/// <para>
/// Two surfaces. The configuration API (<see cref="Ping"/>, <see cref="Scan"/>,
/// <see cref="Read(byte, ControlTableItem)"/>, <see cref="Write(byte, ControlTableItem, int)"/>,
/// <see cref="Reset"/>...) blocks and throws <see cref="HardwareTimeoutException"/>,
/// <see cref="CorruptPacketException"/>, <see cref="DeviceErrorException"/> or
/// <see cref="DeviceDisconnectedException"/> naming the port, the servo ID and the register. The
/// real-time API (<see cref="SyncRead"/>, <see cref="SyncWrite"/>) allocates nothing and throws
/// nothing for those faults: it returns a <see cref="FeetechStatus"/> and records the fault in
/// <see cref="Diagnostics"/> (its exceptions are made once and reused).
/// </para>
/// <para>
/// Every transaction discards pending input, sends its request, and reads replies with a per-reply
/// timeout, skipping stale bytes by scanning for the header. A timeout or corrupt reply is retried
/// up to <see cref="FeetechBusOptions.Retries"/> times; a servo's error bits and a vanished port
/// are not. Feetech has no bulk read: read several servos with <see cref="SyncRead"/> (same range
/// on each) or one <see cref="Read(byte, byte, Span{byte})"/> per servo.
/// </para>
/// </remarks>
public sealed class FeetechBus
{
    private readonly ISerialPort _port;
    private readonly FeetechBusOptions _options;
    private readonly ReplyReceiver _receiver;
    private readonly RealTimeFaults _realTimeFaults;
    private readonly byte[] _request = new byte[FeetechPacket.MaxPacketLength];
    private DeviceDisconnectedException? _disconnection;

    /// <summary>Creates a bus over <paramref name="port"/>; nothing is opened or sent.</summary>
    /// <param name="port">The serial port; the caller keeps ownership.</param>
    /// <param name="options">Retries, reply timeout and baud rate; defaults when null.</param>
    public FeetechBus(ISerialPort port, FeetechBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        _options = options ?? new FeetechBusOptions();
        _options.Validate();
        _port = port;
        _receiver = new ReplyReceiver(port);
        _realTimeFaults = new RealTimeFaults(port.PortName);
    }

    /// <summary>The port's name, as used in every fault.</summary>
    public string PortName => _port.PortName;

    /// <summary>Transactions, retries, timeouts, corrupt replies, device errors and the last fault.</summary>
    public DriverDiagnostics Diagnostics { get; } = new();

    /// <summary>ID of the last servo that reported error bits, or -1 when none has.</summary>
    public int LastErrorId { get; private set; } = -1;

    /// <summary>The error bits that servo reported.</summary>
    public FeetechErrors LastErrorFlags { get; private set; }

    /// <summary>Opens the port at <see cref="FeetechBusOptions.BaudRate"/>, or sets that rate if it is already open.</summary>
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
    }

    /// <summary>Closes the port (it can be opened again); does not dispose it.</summary>
    public void Close() => _port.Close();

    /// <summary>Pings a servo and reads its model number and firmware version.</summary>
    /// <param name="id">Servo ID, 0 to 253.</param>
    /// <exception cref="HardwareFaultException">The servo did not answer properly.</exception>
    public FeetechPingResult Ping(byte id) => TryPing(id, throwOnTimeout: true)!.Value;

    /// <summary>
    /// Pings each of <paramref name="ids"/> and returns those that answer. Absent IDs count as
    /// timeouts in <see cref="Diagnostics"/> but are not recorded as faults.
    /// </summary>
    /// <exception cref="HardwareFaultException">A servo answered with a corrupt reply or an error, or the port vanished.</exception>
    public IReadOnlyList<FeetechPingResult> Scan(IEnumerable<byte> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<FeetechPingResult>();
        foreach (byte id in ids)
        {
            if (TryPing(id, throwOnTimeout: false) is { } result)
            {
                found.Add(result);
            }
        }

        return found;
    }

    /// <summary>Reads one control-table item and decodes it (sign-magnitude aware).</summary>
    /// <param name="id">Servo ID, 0 to 253.</param>
    /// <param name="item">The item, for example <see cref="Sts3215.PresentPosition"/>.</param>
    /// <exception cref="HardwareFaultException">The servo did not answer properly.</exception>
    public int Read(byte id, ControlTableItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Span<byte> data = stackalloc byte[item.Size];
        Read(id, item.Address, data, item.Name);
        return item.Decode(data);
    }

    /// <summary>Reads <c>destination.Length</c> raw bytes starting at <paramref name="address"/>.</summary>
    /// <param name="id">Servo ID, 0 to 253.</param>
    /// <param name="address">First address.</param>
    /// <param name="destination">1 to 253 bytes.</param>
    /// <exception cref="HardwareFaultException">The servo did not answer properly.</exception>
    public void Read(byte id, byte address, Span<byte> destination) => Read(id, address, destination, null);

    /// <summary>Encodes and writes one control-table item; to the broadcast ID nobody answers.</summary>
    /// <param name="id">Servo ID, 0 to 253, or <see cref="FeetechPacket.BroadcastId"/>.</param>
    /// <param name="item">A writable item.</param>
    /// <param name="value">The value, within the item's range.</param>
    /// <exception cref="ArgumentException">The item is read-only or the value out of range.</exception>
    /// <exception cref="HardwareFaultException">The servo did not acknowledge properly.</exception>
    public void Write(byte id, ControlTableItem item, int value) => WriteItem(id, item, value, registered: false);

    /// <summary>Writes raw bytes starting at <paramref name="address"/>; to the broadcast ID nobody answers.</summary>
    /// <exception cref="HardwareFaultException">The servo did not acknowledge properly.</exception>
    public void Write(byte id, byte address, ReadOnlySpan<byte> data) => WriteRaw(id, address, data, registered: false, null);

    /// <summary>Stores a write of <paramref name="item"/> on the servo, applied by the next <see cref="Action"/>.</summary>
    /// <exception cref="HardwareFaultException">The servo did not acknowledge properly.</exception>
    public void RegWrite(byte id, ControlTableItem item, int value) => WriteItem(id, item, value, registered: true);

    /// <summary>Applies the stored RegWrites; by default on every servo at once (broadcast, no reply).</summary>
    /// <exception cref="HardwareFaultException">A single addressed servo did not acknowledge properly.</exception>
    public void Action(byte id = FeetechPacket.BroadcastId)
    {
        ValidateId(id, allowBroadcast: true);
        int length = FeetechPacket.EncodeInstruction(_request, id, FeetechInstruction.Action, []);
        Execute(length, id, null, []);
    }

    /// <summary>
    /// Sends Feetech's Reset instruction (0x0A, <see cref="FeetechInstruction.Reset"/>), which resets
    /// the servo's state such as its multi-turn count; it is not a factory reset.
    /// </summary>
    /// <exception cref="HardwareFaultException">The servo did not acknowledge properly.</exception>
    public void Reset(byte id)
    {
        ValidateId(id, allowBroadcast: true);
        int length = FeetechPacket.EncodeInstruction(_request, id, FeetechInstruction.Reset, []);
        Execute(length, id, null, []);
    }

    /// <summary>
    /// Real time: reads <paramref name="length"/> bytes at <paramref name="address"/> from every
    /// servo in <paramref name="ids"/> with one Sync Read; each servo answers separately, in list
    /// order. <paramref name="destination"/> receives <paramref name="length"/> bytes per ID, in
    /// ID order. No allocation, no exception for bus faults.
    /// </summary>
    /// <returns>
    /// <see cref="FeetechStatus.Ok"/>; <see cref="FeetechStatus.DeviceError"/> when a servo set error
    /// bits (data valid); Timeout, Corrupt (data not valid) or Disconnected.
    /// </returns>
    /// <exception cref="ArgumentException">Misuse: no IDs, a destination too small, or a request too long.</exception>
    public FeetechStatus SyncRead(byte address, byte length, ReadOnlySpan<byte> ids, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfZero(length);
        if (ids.IsEmpty || destination.Length < ids.Length * length)
        {
            throw new ArgumentException($"Sync read of {length} bytes from {ids.Length} servos needs at least one ID and {ids.Length * length} destination bytes; got {destination.Length}.", nameof(destination));
        }

        int requestLength = FeetechPacket.EncodeSyncRead(_request, address, length, ids);
        FeetechStatus status = Transact(requestLength, ids, length, destination, out int failedId, out FeetechErrors flags);
        RecordRealTime(status, failedId, address, length, flags);
        return status;
    }

    /// <summary>
    /// Real time: writes <paramref name="length"/> bytes at <paramref name="address"/> on every servo
    /// in <paramref name="ids"/> with one Sync Write (broadcast, nobody answers). <paramref name="data"/>
    /// holds <paramref name="length"/> bytes per ID, in ID order. No allocation, no exception for bus faults.
    /// </summary>
    /// <returns><see cref="FeetechStatus.Ok"/>, Timeout (the port could not send) or Disconnected.</returns>
    /// <exception cref="ArgumentException">Misuse: data of the wrong size, or a request too long.</exception>
    public FeetechStatus SyncWrite(byte address, byte length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfZero(length);
        int requestLength = FeetechPacket.EncodeSyncWrite(_request, address, length, ids, data);
        FeetechStatus status = Transact(requestLength, [], 0, [], out int failedId, out FeetechErrors flags);
        RecordRealTime(status, failedId, address, length, flags);
        return status;
    }

    /// <summary>Names an address range for error messages: the item's name when it is exactly one item.</summary>
    internal static string DescribeRange(byte address, int length)
    {
        ControlTableItem? item = Sts3215.Model.ItemAt(address);
        if (item is not null && item.Address == address && item.Size == length)
        {
            return item.Name;
        }

        return item is not null && item.Address == address
            ? $"{item.Name}.. ({length} bytes at {address})"
            : $"{length} byte(s) at address {address}";
    }

    private static void ValidateId(byte id, bool allowBroadcast)
    {
        if (id > FeetechPacket.MaxServoId && !(allowBroadcast && id == FeetechPacket.BroadcastId))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, allowBroadcast
                ? $"Servo IDs range from 0 to {FeetechPacket.MaxServoId}, or {FeetechPacket.BroadcastId} for broadcast."
                : $"Servo IDs range from 0 to {FeetechPacket.MaxServoId}.");
        }
    }

    private FeetechPingResult? TryPing(byte id, bool throwOnTimeout)
    {
        ValidateId(id, allowBroadcast: false);
        int length = FeetechPacket.EncodePing(_request, id);
        if (!Execute(length, id, null, [], throwOnTimeout))
        {
            return null;
        }

        // Firmware major/minor at 0 and 1, the endianness byte at 2, the model number at 3-4. The servo
        // has just answered, so a lost reply here (a scan's single short attempt) gets a second chance.
        byte[] header = new byte[5];
        FirstContact.Request(() =>
        {
            Read(id, Sts3215.FirmwareMajorVersion.Address, header, "Firmware_Major_Version..Model_Number");
            return header;
        });
        return new FeetechPingResult(
            id,
            Sts3215.ModelNumber.Decode(header.AsSpan(Sts3215.ModelNumber.Address)),
            new FeetechFirmwareVersion(header[0], header[1]));
    }

    private void Read(byte id, byte address, Span<byte> destination, string? register)
    {
        ValidateId(id, allowBroadcast: false);
        if (destination.Length is < 1 or > FeetechPacket.MaxParameterLength)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), destination.Length, $"A read returns 1 to {FeetechPacket.MaxParameterLength} bytes.");
        }

        int length = FeetechPacket.EncodeRead(_request, id, address, (byte)destination.Length);
        Execute(length, id, register ?? DescribeRange(address, destination.Length), destination);
    }

    private void WriteItem(byte id, ControlTableItem item, int value, bool registered)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsWritable)
        {
            throw new ArgumentException($"{item} is read-only.", nameof(item));
        }

        Span<byte> data = stackalloc byte[item.Size];
        item.Encode(value, data);
        WriteRaw(id, item.Address, data, registered, item.Name);
    }

    private void WriteRaw(byte id, byte address, ReadOnlySpan<byte> data, bool registered, string? register)
    {
        ValidateId(id, allowBroadcast: true);
        int length = FeetechPacket.EncodeWrite(_request, id, address, data, registered);
        Execute(length, id, register ?? DescribeRange(address, data.Length), []);
    }

    /// <summary>Runs a configuration transaction; throws its fault. False only for a timeout when told not to throw.</summary>
    private bool Execute(int requestLength, byte id, string? register, Span<byte> destination, bool throwOnTimeout = true)
    {
        bool broadcast = id == FeetechPacket.BroadcastId;
        ReadOnlySpan<byte> replyIds = broadcast ? [] : new ReadOnlySpan<byte>(in id);
        FeetechStatus status = Transact(requestLength, replyIds, destination.Length, destination, out _, out FeetechErrors flags);
        if (status == FeetechStatus.Ok || (status == FeetechStatus.Timeout && !throwOnTimeout))
        {
            return status == FeetechStatus.Ok;
        }

        int attempts = _options.Retries + 1;
        int? deviceId = broadcast ? null : id;
        HardwareFaultException fault = status switch
        {
            FeetechStatus.Timeout => new HardwareTimeoutException(PortName, deviceId, register, $"no complete reply after {attempts} attempt(s) of {_options.ReplyTimeoutMs} ms; check power, wiring, ID and baud rate"),
            FeetechStatus.Corrupt => new CorruptPacketException(PortName, deviceId, register, $"corrupt reply (bad checksum or framing) after {attempts} attempt(s)"),
            FeetechStatus.DeviceError => new DeviceErrorException(PortName, deviceId, register, (int)flags, flags.Describe(), flags.IsHardwareAlert()),
            _ => new DeviceDisconnectedException(PortName, _disconnection?.Reason ?? "the port failed", _disconnection),
        };
        Diagnostics.RecordFault(fault);
        throw fault;
    }

    private void RecordRealTime(FeetechStatus status, int failedId, byte address, byte length, FeetechErrors flags)
    {
        if (status == FeetechStatus.Ok)
        {
            return;
        }

        Diagnostics.RecordFault(status == FeetechStatus.Disconnected && _disconnection is not null
            ? _disconnection
            : _realTimeFaults.Get(status, failedId, address, length, flags, _options.Retries + 1, _options.ReplyTimeoutMs));
    }

    /// <summary>
    /// One transaction with bounded retries: sends the request in <c>_request</c>, then reads one
    /// status packet of <paramref name="dataLength"/> bytes per ID in <paramref name="replyIds"/>.
    /// </summary>
    private FeetechStatus Transact(int requestLength, ReadOnlySpan<byte> replyIds, int dataLength, Span<byte> destination, out int failedId, out FeetechErrors flags)
    {
        Diagnostics.CountTransaction();
        FeetechStatus status = FeetechStatus.Ok;
        failedId = -1;
        flags = FeetechErrors.None;
        for (int attempt = 0; attempt <= _options.Retries; attempt++)
        {
            if (attempt > 0)
            {
                Diagnostics.CountRetry();
            }

            status = Attempt(requestLength, replyIds, dataLength, destination, out failedId, out flags);
            switch (status)
            {
                case FeetechStatus.Timeout:
                    Diagnostics.CountTimeout();
                    continue;
                case FeetechStatus.Corrupt:
                    Diagnostics.CountCorruptReply();
                    continue;
                default:
                    return status;
            }
        }

        return status;
    }

    private FeetechStatus Attempt(int requestLength, ReadOnlySpan<byte> replyIds, int dataLength, Span<byte> destination, out int failedId, out FeetechErrors flags)
    {
        failedId = -1;
        flags = FeetechErrors.None;
        try
        {
            _port.DiscardInput();
            _receiver.Clear();
            _port.Write(_request.AsSpan(0, requestLength));
            FeetechStatus result = FeetechStatus.Ok;
            for (int i = 0; i < replyIds.Length; i++)
            {
                byte id = replyIds[i];
                FeetechStatus reply = _receiver.Receive(id, destination.Slice(i * dataLength, dataLength), _options.ReplyTimeoutMs, out FeetechErrors error);
                if (reply != FeetechStatus.Ok)
                {
                    failedId = id;
                    return reply;
                }

                if (error != FeetechErrors.None)
                {
                    Diagnostics.CountDeviceError();
                    LastErrorId = id;
                    LastErrorFlags = error;
                    failedId = id;
                    flags = error;
                    result = FeetechStatus.DeviceError;
                }
            }

            return result;
        }
        catch (DeviceDisconnectedException disconnection)
        {
            _disconnection = disconnection;
            return FeetechStatus.Disconnected;
        }
        catch (HardwareTimeoutException)
        {
            // The port's output queue stayed full: nothing reached the servos.
            return FeetechStatus.Timeout;
        }
        catch (HardwareFaultException failure)
        {
            _disconnection = new DeviceDisconnectedException(PortName, failure.Reason, failure);
            return FeetechStatus.Disconnected;
        }
    }
}
