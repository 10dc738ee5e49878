using System.Buffers.Binary;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// A Dynamixel Protocol 2.0 bus on a serial port: the servos on one U2D2 (or other USB/TTL
/// adapter). Two kinds of calls:
/// <list type="bullet">
/// <item>set-up calls (<see cref="Ping"/>, <see cref="Scan"/>, <see cref="Read(byte, ControlTableItem)"/>,
/// <see cref="Write(byte, ControlTableItem, int)"/>, <see cref="Reboot"/>, ...) that throw
/// <see cref="HardwareTimeoutException"/>, <see cref="CorruptPacketException"/>,
/// <see cref="DeviceErrorException"/> or <see cref="DeviceDisconnectedException"/> naming the
/// port, the servo ID and the register;</item>
/// <item>real-time calls (<see cref="SyncRead"/>, <see cref="FastSyncRead"/>, <see cref="SyncWrite"/>,
/// <see cref="BulkRead"/>, <see cref="BulkWrite"/>) for the control loop, which allocate nothing
/// in steady state, never throw for hardware faults and return a <see cref="BusStatus"/>.</item>
/// </list>
/// Every transaction discards stale input first, retries timeouts and corrupt replies up to
/// <see cref="DynamixelBusOptions.Retries"/> times, and counts attempts, retries and faults in
/// <see cref="Diagnostics"/>. Replies are found by scanning for the header, so noise and
/// stale replies from other IDs are skipped.
/// </summary>
/// <remarks>
/// The bus does not own the port: the constructor never opens it, <see cref="Open"/> opens it
/// if needed, and whoever created the port disposes it. Calls are not thread-safe; one
/// thread (the control thread) uses the bus at a time. Servos are assumed to answer every
/// instruction (Status Return Level 2, the factory setting).
/// </remarks>
public sealed partial class DynamixelBus
{
    private readonly ISerialPort _port;
    private readonly int _retries;
    private readonly int _replyTimeoutMs;
    private readonly int _baudRate;

    /// <summary>Creates a bus over <paramref name="port"/>; nothing is opened or sent.</summary>
    /// <param name="port">The serial port; the caller keeps ownership.</param>
    /// <param name="options">Retries, reply timeout and baud rate; defaults when null.</param>
    public DynamixelBus(ISerialPort port, DynamixelBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        options ??= new DynamixelBusOptions();
        options.Validate();
        _port = port;
        _retries = options.Retries;
        _replyTimeoutMs = options.ReplyTimeoutMs;
        _baudRate = options.BaudRate;
    }

    /// <summary>The port's name, used in every fault.</summary>
    public string PortName => _port.PortName;

    /// <summary>Transactions, retries, timeouts, corrupt replies, device errors and the last fault.</summary>
    public DriverDiagnostics Diagnostics { get; } = new();

    /// <summary>Sets the configured baud rate on the port and opens it if it is closed.</summary>
    /// <exception cref="DeviceUnavailableException">The port cannot be opened.</exception>
    public void Open()
    {
        if (_port.BaudRate != _baudRate)
        {
            _port.BaudRate = _baudRate;
        }

        if (!_port.IsOpen)
        {
            _port.Open();
        }
    }

    /// <summary>Asks a servo for its model number and firmware version.</summary>
    /// <param name="id">The servo, 0 to 252.</param>
    /// <returns>The answer; a latched hardware alert does not make Ping fail (see <see cref="PingResult.HasHardwareAlert"/>).</returns>
    /// <exception cref="HardwareFaultException">No valid answer after the retries, or the port is gone.</exception>
    public PingResult Ping(byte id)
    {
        ServoIds.ThrowIfNotServoId(id, nameof(id));
        return PingCore(id, _retries, out BusStatus status) ?? throw Fault(status, id, null, "Ping");
    }

    /// <summary>Pings each ID once (no retries) and lists the servos that answered, in the order asked.</summary>
    /// <param name="ids">The IDs to try, for example <c>Enumerable.Range(0, 253).Select(i => (byte)i)</c>.</param>
    /// <returns>The servos found.</returns>
    /// <exception cref="HardwareFaultException">A reply was corrupt or the port is gone (silence just means no servo).</exception>
    public IReadOnlyList<PingResult> Scan(IEnumerable<byte> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<PingResult>();
        foreach (byte id in ids)
        {
            ServoIds.ThrowIfNotServoId(id, nameof(ids));
            if (PingCore(id, 0, out BusStatus status) is { } result)
            {
                found.Add(result);
            }
            else if (status != BusStatus.Timeout)
            {
                throw Fault(status, id, null, "Ping");
            }
        }

        return found;
    }

    /// <summary>Reads an item of one servo.</summary>
    /// <param name="id">The servo, 0 to 252.</param>
    /// <param name="item">The item, for example <see cref="XSeriesControlTable.PresentPosition"/>.</param>
    /// <returns>The raw value (see <see cref="ServoUnits"/> for SI units).</returns>
    /// <exception cref="HardwareFaultException">No valid answer, an error or hardware alert from the servo, or the port is gone.</exception>
    public int Read(byte id, ControlTableItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Span<byte> value = stackalloc byte[4];
        ReadCore(id, item.Address, value[..item.Size], item.Name, tolerateHardwareAlert: false);
        return item.ReadValue(value);
    }

    /// <summary>Reads raw bytes of one servo's control table.</summary>
    /// <param name="id">The servo, 0 to 252.</param>
    /// <param name="address">First address.</param>
    /// <param name="destination">Receives <c>destination.Length</c> bytes.</param>
    /// <exception cref="HardwareFaultException">No valid answer, an error or hardware alert from the servo, or the port is gone.</exception>
    public void Read(byte id, ushort address, Span<byte> destination) =>
        ReadCore(id, address, destination, XSeriesControlTable.Describe(address, destination.Length), tolerateHardwareAlert: false);

    /// <summary>
    /// Reads Hardware Error Status (address 70): bit 0 input voltage, 2 overheating, 3 motor
    /// encoder, 4 electrical shock, 5 overload. Unlike <see cref="Read(byte, ControlTableItem)"/>
    /// it does not fail because the hardware alert bit is set.
    /// </summary>
    /// <param name="id">The servo, 0 to 252.</param>
    /// <returns>The bits; 0 when healthy.</returns>
    /// <exception cref="HardwareFaultException">No valid answer or the port is gone.</exception>
    public byte ReadHardwareErrorStatus(byte id)
    {
        Span<byte> value = stackalloc byte[1];
        ControlTableItem item = XSeriesControlTable.HardwareErrorStatus;
        ReadCore(id, item.Address, value, item.Name, tolerateHardwareAlert: true);
        return value[0];
    }

    /// <summary>Writes an item of one servo, or of all servos with <see cref="ServoIds.Broadcast"/> (no reply awaited).</summary>
    /// <param name="id">The servo, 0 to 252, or 254 (broadcast).</param>
    /// <param name="item">A writable item.</param>
    /// <param name="value">The raw value; EEPROM items need torque off.</param>
    /// <exception cref="ArgumentException">The item is read-only or the value does not fit it.</exception>
    /// <exception cref="HardwareFaultException">No valid answer, an error from the servo (range, limit, access), or the port is gone.</exception>
    public void Write(byte id, ControlTableItem item, int value)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Access == ItemAccess.ReadOnly)
        {
            throw new ArgumentException($"{item} is read-only.", nameof(item));
        }

        Span<byte> data = stackalloc byte[4];
        item.WriteValue(value, data);
        WriteCore(Instruction.Write, id, item.Address, data[..item.Size], item.Name);
    }

    /// <summary>Writes raw bytes to one servo, or to all with <see cref="ServoIds.Broadcast"/>.</summary>
    /// <param name="id">The servo, 0 to 252, or 254 (broadcast).</param>
    /// <param name="address">First address.</param>
    /// <param name="data">The bytes.</param>
    /// <exception cref="HardwareFaultException">No valid answer, an error from the servo, or the port is gone.</exception>
    public void Write(byte id, ushort address, ReadOnlySpan<byte> data) =>
        WriteCore(Instruction.Write, id, address, data, XSeriesControlTable.Describe(address, data.Length));

    /// <summary>Registers a write (Reg Write) that the servo applies on <see cref="Action"/>; for moving several servos at one instant.</summary>
    /// <param name="id">The servo, 0 to 252, or 254 (broadcast).</param>
    /// <param name="item">A writable item.</param>
    /// <param name="value">The raw value.</param>
    /// <exception cref="ArgumentException">The item is read-only or the value does not fit it.</exception>
    /// <exception cref="HardwareFaultException">No valid answer, an error from the servo, or the port is gone.</exception>
    public void RegisterWrite(byte id, ControlTableItem item, int value)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Access == ItemAccess.ReadOnly)
        {
            throw new ArgumentException($"{item} is read-only.", nameof(item));
        }

        Span<byte> data = stackalloc byte[4];
        item.WriteValue(value, data);
        WriteCore(Instruction.RegWrite, id, item.Address, data[..item.Size], item.Name);
    }

    /// <summary>Applies the registered writes (Action), usually to every servo at once with <see cref="ServoIds.Broadcast"/>.</summary>
    /// <param name="id">The servo, 0 to 252, or 254 (broadcast, the default; no reply).</param>
    /// <exception cref="HardwareFaultException">No valid answer, an error (nothing registered), or the port is gone.</exception>
    public void Action(byte id = ServoIds.Broadcast)
    {
        ThrowIfNotTarget(id, nameof(id));
        Simple(id, Instruction.Action, [], null, "Action");
    }

    /// <summary>Restarts a servo: RAM items return to their factory values (torque off) and a latched hardware error clears (so a reply carrying the alert bit does not fail).</summary>
    /// <param name="id">The servo, 0 to 252, or 254 (broadcast; no reply).</param>
    /// <exception cref="HardwareFaultException">No valid answer or the port is gone.</exception>
    public void Reboot(byte id)
    {
        ThrowIfNotTarget(id, nameof(id));
        Simple(id, Instruction.Reboot, [], null, "Reboot", tolerateHardwareAlert: true);
    }

    private static void ThrowIfNotTarget(byte id, string parameterName)
    {
        if (id != ServoIds.Broadcast)
        {
            ServoIds.ThrowIfNotServoId(id, parameterName);
        }
    }

    private PingResult? PingCore(byte id, int retries, out BusStatus status)
    {
        EnsureOpen();
        Span<byte> reply = stackalloc byte[3];
        status = Transact(id, Instruction.Ping, [], 0, 3, reply, retries, "Ping", realTime: false);
        if (status is not (BusStatus.Ok or BusStatus.HardwareAlert))
        {
            return null;
        }

        return new PingResult(id, BinaryPrimitives.ReadUInt16LittleEndian(reply), reply[2], status == BusStatus.HardwareAlert);
    }

    private void ReadCore(byte id, ushort address, Span<byte> destination, string register, bool tolerateHardwareAlert)
    {
        ServoIds.ThrowIfNotServoId(id, nameof(id));
        ArgumentOutOfRangeException.ThrowIfZero(destination.Length, nameof(destination));
        EnsureOpen();
        Span<byte> parameters = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, address);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters[2..], (ushort)destination.Length);
        BusStatus status = Transact(id, Instruction.Read, parameters, address, destination.Length, destination, _retries, "Read", realTime: false);
        if (status != BusStatus.Ok && !(tolerateHardwareAlert && status == BusStatus.HardwareAlert && !_faultError.HasError))
        {
            throw Fault(status, id, register, "Read");
        }
    }

    private void WriteCore(Instruction instruction, byte id, ushort address, ReadOnlySpan<byte> data, string register)
    {
        ThrowIfNotTarget(id, nameof(id));
        ArgumentOutOfRangeException.ThrowIfZero(data.Length, nameof(data));
        if (data.Length + 2 > ParameterCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, $"At most {ParameterCapacity - 2} bytes per write.");
        }

        Span<byte> parameters = _parameters.AsSpan(0, data.Length + 2);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, address);
        data.CopyTo(parameters[2..]);
        Simple(id, instruction, parameters, register, instruction == Instruction.Write ? "Write" : "Reg Write", address);
    }

    private void Simple(
        byte id, Instruction instruction, ReadOnlySpan<byte> parameters, string? register, string operation, ushort address = 0, bool tolerateHardwareAlert = false)
    {
        EnsureOpen();
        BusStatus status = Transact(id, instruction, parameters, address, 0, [], _retries, operation, realTime: false);
        if (status != BusStatus.Ok && !(tolerateHardwareAlert && status == BusStatus.HardwareAlert && !_faultError.HasError))
        {
            throw Fault(status, id, register, operation);
        }
    }

    private void EnsureOpen()
    {
        if (!_port.IsOpen)
        {
            throw new InvalidOperationException($"{PortName} is not open; call Open first.");
        }
    }
}
