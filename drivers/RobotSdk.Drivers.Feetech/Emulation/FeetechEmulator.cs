using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>
/// A Feetech STS bus on a pseudo-terminal: virtual STS3215 servos that answer Ping, Read, Write,
/// RegWrite/Action, Reset, Sync Read and Sync Write byte for byte like real ones, and move the
/// joints of an <see cref="IJointBackend"/>. Any serial client (this SDK's <see cref="FeetechBus"/>,
/// LeRobot, Feetech's own tools) opens <see cref="PortPath"/> (or <see cref="LinkPath"/>) as if it
/// were a USB bus adapter.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle: the constructor only validates; <see cref="Start"/> creates the pty (once) and the
/// serving thread; <see cref="Stop"/> ends the thread (the servos fall silent, the port stays);
/// <see cref="Dispose"/> stops and closes the pty (clients see the device vanish).
/// </para>
/// <para>
/// Timing: a request takes 10 bits per byte at the client's line rate (read from the pty's
/// termios, <see cref="PseudoTerminalPair.SubordinateBaudRate"/>, else
/// <see cref="FeetechEmulatorOptions.BaudRate"/>), starting when the wire is free; each reply is
/// released after the servo's return delay (2 us units) plus its own wire time, using sleeps and
/// then Stopwatch spin-waits. Sync Read replies follow one another in list order, each after its
/// own servo's return delay. A servo whose baud rate code differs from the client's rate does not
/// answer (it would see garbage).
/// </para>
/// <para>
/// Broadcast (ID 0xFE) writes, RegWrites, Actions, Resets and Sync Writes get no reply; a broadcast
/// Ping is answered by every servo in ID order. A servo at response status level 0 answers only
/// Ping and Read. Reset (0x0A) is acknowledged; the multi-turn state it clears is not modelled.
/// Use <see cref="PowerCycle"/> to model a power loss (EEPROM writes made while locked are lost).
/// </para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class FeetechEmulator : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IJointBackend _backend;
    private readonly FeetechEmulatorOptions _options;
    private readonly List<VirtualServo> _servos = [];
    private readonly VirtualServo[] _targets;
    private readonly ReplyFaults _faults = new();
    private readonly long[] _instructionCounts = new long[256];
    private long _delayTicks;
    private long _wireFreeAt;
    private long _repliesSent;
    private long _latenessTicksTotal;
    private long _latenessTicksMax;
    private PseudoTerminalPair? _pair;
    private Thread? _thread;
    private volatile bool _stopping;
    private bool _disposed;

    /// <summary>Creates an emulator; nothing is opened until <see cref="Start"/>.</summary>
    /// <param name="backend">The joints the servos move.</param>
    /// <param name="servos">The virtual servos: unique IDs 0 to 253, joints within the backend, directions +1 or -1.</param>
    /// <param name="options">Baud rate, timing and reported values; defaults when null.</param>
    public FeetechEmulator(IJointBackend backend, IEnumerable<VirtualServoConfiguration> servos, FeetechEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(servos);
        _backend = backend;
        _options = options ?? new FeetechEmulatorOptions();
        _options.Validate();
        foreach (VirtualServoConfiguration servo in servos)
        {
            Validate(servo);
            _servos.Add(new VirtualServo(servo, backend, _options));
        }

        if (_servos.Count == 0)
        {
            throw new ArgumentException("An emulated bus needs at least one servo.", nameof(servos));
        }

        _targets = new VirtualServo[_servos.Count];
    }

    /// <summary>The pty path clients open, for example <c>/dev/pts/5</c>.</summary>
    /// <exception cref="InvalidOperationException">The emulator was never started.</exception>
    public string PortPath => (_pair ?? throw new InvalidOperationException("Start the emulator first.")).SubordinatePath;

    /// <summary>The symbolic link made from <see cref="FeetechEmulatorOptions.LinkPath"/>, or null.</summary>
    public string? LinkPath => _pair?.LinkPath;

    /// <summary>Whether the serving thread runs.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Replies written to the port so far (dropped ones excluded).</summary>
    public long RepliesSent => Interlocked.Read(ref _repliesSent);

    /// <summary>
    /// How many well-formed requests with this instruction the emulator has received (addressed to
    /// any ID, answered or not, retries included), so tests can check what a client sends per cycle.
    /// </summary>
    public long GetInstructionCount(FeetechInstruction instruction) => Interlocked.Read(ref _instructionCounts[(byte)instruction]);

    /// <summary>Why the serving thread stopped on its own (the port was closed), or null.</summary>
    public Exception? StopReason { get; private set; }

    /// <summary>Creates the pty and its link (first call only) and starts serving.</summary>
    /// <exception cref="DeviceUnavailableException">No pseudo-terminal could be created.</exception>
    /// <exception cref="IOException">The link path is taken by something other than a link.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null)
        {
            return;
        }

        if (_pair is null)
        {
            PseudoTerminalPair pair = PseudoTerminalPair.Create();
            try
            {
                if (_options.LinkPath is { } link)
                {
                    pair.CreateLink(link);
                }
            }
            catch
            {
                pair.Dispose();
                throw;
            }

            _pair = pair;
        }

        _stopping = false;
        StopReason = null;
        _thread = new Thread(Serve) { IsBackground = true, Name = $"Feetech emulator {_pair.SubordinatePath}" };
        _thread.Start();
    }

    /// <summary>Stops serving (servos fall silent); the pty stays open and <see cref="Start"/> resumes.</summary>
    public void Stop()
    {
        if (_thread is not { } thread)
        {
            return;
        }

        _stopping = true;
        thread.Join();
        _thread = null;
    }

    /// <summary>Stops serving and closes the pty (clients get <see cref="DeviceDisconnectedException"/>) and its link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Stop();
        _pair?.Dispose();
        _disposed = true;
    }

    /// <summary>Reads a servo's item as the servo holds it now (feedback refreshed from the backend), without the bus.</summary>
    /// <exception cref="ArgumentException">No servo has that ID.</exception>
    public int ReadRegister(byte id, ControlTableItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Span<byte> data = stackalloc byte[item.Size];
        lock (_lock)
        {
            ServoWithId(id).Read(item.Address, data);
        }

        return item.Decode(data);
    }

    /// <summary>Models a power loss and power-on of one servo: RAM to defaults, EEPROM to what was saved, torque off.</summary>
    /// <exception cref="ArgumentException">No servo has that ID.</exception>
    public void PowerCycle(byte id)
    {
        lock (_lock)
        {
            ServoWithId(id).PowerOn();
        }
    }

    /// <summary>Drops the next <paramref name="count"/> replies of servo <paramref name="id"/>, or of any servo when null (the instruction still executes).</summary>
    public void DropReplies(int count, byte? id = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _faults.Drop(count, id);
        }
    }

    /// <summary>Corrupts the checksum of the next <paramref name="count"/> replies of servo <paramref name="id"/>, or of any servo when null.</summary>
    public void CorruptReplies(int count, byte? id = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _faults.Corrupt(count, id);
        }
    }

    /// <summary>Adds <paramref name="delay"/> to every reply's return delay; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public void DelayReplies(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Interlocked.Exchange(ref _delayTicks, (long)(delay.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>Sets error bits (for example <see cref="FeetechErrors.Overload"/>) in every reply of a servo and its Status item; None clears them.</summary>
    /// <exception cref="ArgumentException">No servo has that ID.</exception>
    public void SetErrors(byte id, FeetechErrors errors)
    {
        lock (_lock)
        {
            ServoWithId(id).InjectedErrors = errors;
        }
    }

    /// <summary>Unplugs a servo: it ignores everything until <see cref="RestoreServo"/>.</summary>
    /// <exception cref="ArgumentException">No servo has that ID.</exception>
    public void RemoveServo(byte id)
    {
        lock (_lock)
        {
            ServoWithId(id).Removed = true;
        }
    }

    /// <summary>Plugs a removed servo back in, its memory as it was.</summary>
    /// <exception cref="ArgumentException">No servo has that ID.</exception>
    public void RestoreServo(byte id)
    {
        lock (_lock)
        {
            ServoWithId(id).Removed = false;
        }
    }

    /// <summary>Closes the emulator's side of the pty, as if the bus adapter were unplugged: clients see the device vanish.</summary>
    public void ClosePort() => _pair?.Master.Close();

    /// <summary>How late replies left compared with the model: count, mean and worst lateness in microseconds.</summary>
    internal (long Count, double MeanMicroseconds, double MaxMicroseconds) ReleaseLateness()
    {
        long count = RepliesSent;
        double toMicroseconds = 1e6 / Stopwatch.Frequency;
        return (count,
            count == 0 ? 0 : Interlocked.Read(ref _latenessTicksTotal) * toMicroseconds / count,
            Interlocked.Read(ref _latenessTicksMax) * toMicroseconds);
    }

    private void Validate(VirtualServoConfiguration servo)
    {
        ArgumentNullException.ThrowIfNull(servo);
        if (servo.Id > FeetechPacket.MaxServoId)
        {
            throw new ArgumentOutOfRangeException(nameof(servo), servo.Id, $"Servo IDs range from 0 to {FeetechPacket.MaxServoId}.");
        }

        if (servo.JointIndex < 0 || servo.JointIndex >= _backend.JointCount)
        {
            throw new ArgumentOutOfRangeException(nameof(servo), servo.JointIndex, $"Joint indexes range from 0 to {_backend.JointCount - 1}.");
        }

        if (servo.ModelNumber is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(servo), servo.ModelNumber, "A model number ranges from 0 to 65535.");
        }

        if (servo.Direction is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(servo), servo.Direction, "The direction is +1 or -1.");
        }

        if (_servos.Any(existing => existing.Id == servo.Id))
        {
            throw new ArgumentException($"Two servos have ID {servo.Id}.", nameof(servo));
        }
    }

    private VirtualServo ServoWithId(byte id) =>
        _servos.Find(servo => servo.Id == id) ?? throw new ArgumentException($"No virtual servo has ID {id}.", nameof(id));

    private void Serve()
    {
        var buffer = new byte[4 * FeetechPacket.MaxPacketLength];
        int count = 0;
        PseudoTerminalMaster master = _pair!.Master;
        try
        {
            while (!_stopping)
            {
                int read = master.Read(buffer.AsSpan(count), 20);
                if (read == 0)
                {
                    continue;
                }

                long arrival = Stopwatch.GetTimestamp();
                count += read;
                while (true)
                {
                    int start = FeetechPacket.FindHeader(buffer.AsSpan(0, count));
                    count = Consume(buffer, count, start < 0 ? count : start);
                    FeetechDecodeResult result = FeetechPacket.TryDecode(buffer.AsSpan(0, count), out FeetechFrame request);
                    if (result == FeetechDecodeResult.NeedMoreData)
                    {
                        break;
                    }

                    int length = result switch
                    {
                        FeetechDecodeResult.Ok => request.Length,
                        FeetechDecodeResult.BadChecksum => buffer[3] + 4, // a real servo ignores it
                        _ => 2,
                    };
                    if (result == FeetechDecodeResult.Ok)
                    {
                        Interlocked.Increment(ref _instructionCounts[(byte)request.Instruction]);
                        Handle(request, arrival, master);
                    }

                    count = Consume(buffer, count, length);
                }
            }
        }
        catch (Exception failure) when (failure is InvalidOperationException or ObjectDisposedException or HardwareFaultException or IOException)
        {
            // The port was closed under the emulator (ClosePort or Dispose): stop serving.
            StopReason = failure;
        }
    }

    private static int Consume(byte[] buffer, int count, int consumed)
    {
        if (consumed <= 0)
        {
            return count;
        }

        buffer.AsSpan(consumed, count - consumed).CopyTo(buffer);
        return count - consumed;
    }

    private void Handle(FeetechFrame request, long arrival, PseudoTerminalMaster master)
    {
        int baudRate = ClientBaudRate();
        long time = _options.ModelTiming ? Math.Max(arrival, _wireFreeAt) + SerialWireClock.WireTicks(request.Length, baudRate) : arrival;
        ReadOnlySpan<byte> parameters = request.Parameters;
        bool broadcast = request.Id == FeetechPacket.BroadcastId;
        int targets = CollectTargets(request.Id, baudRate);
        switch (request.Instruction)
        {
            case FeetechInstruction.Ping:
                for (int i = 0; i < targets; i++)
                {
                    time = Reply(_targets[i], _targets[i].Id, [], time, baudRate, master);
                }

                break;
            case FeetechInstruction.Read when parameters.Length == 2 && !broadcast && targets == 1:
                Span<byte> data = stackalloc byte[parameters[1]];
                bool inTable;
                lock (_lock)
                {
                    inTable = _targets[0].Read(parameters[0], data);
                }

                if (inTable)
                {
                    time = Reply(_targets[0], request.Id, data, time, baudRate, master);
                }

                break;
            case FeetechInstruction.Write or FeetechInstruction.RegWrite when parameters.Length >= 2:
            case FeetechInstruction.Action or FeetechInstruction.Reset:
                for (int i = 0; i < targets; i++)
                {
                    lock (_lock)
                    {
                        Execute(_targets[i], request.Instruction, parameters);
                    }
                }

                if (!broadcast && targets == 1 && _targets[0].RepliesToAll)
                {
                    time = Reply(_targets[0], request.Id, [], time, baudRate, master);
                }

                break;
            case FeetechInstruction.SyncRead when parameters.Length >= 3:
                time = SyncRead(parameters[0], parameters[1], parameters[2..], time, baudRate, master);
                break;
            case FeetechInstruction.SyncWrite when parameters.Length >= 2:
                SyncWrite(parameters[0], parameters[1], parameters[2..], baudRate);
                break;
        }

        _wireFreeAt = time;
    }

    private static void Execute(VirtualServo servo, FeetechInstruction instruction, ReadOnlySpan<byte> parameters)
    {
        switch (instruction)
        {
            case FeetechInstruction.Write:
                servo.Write(parameters[0], parameters[1..]);
                break;
            case FeetechInstruction.RegWrite:
                servo.StoreRegisteredWrite(parameters[0], parameters[1..]);
                break;
            case FeetechInstruction.Action:
                servo.Action();
                break;
        }
    }

    private long SyncRead(byte address, byte length, ReadOnlySpan<byte> ids, long time, int baudRate, PseudoTerminalMaster master)
    {
        Span<byte> data = stackalloc byte[length];
        foreach (byte id in ids)
        {
            if (CollectTargets(id, baudRate) != 1)
            {
                continue;
            }

            bool inTable;
            lock (_lock)
            {
                inTable = _targets[0].Read(address, data);
            }

            if (inTable)
            {
                time = Reply(_targets[0], id, data, time, baudRate, master);
            }
        }

        return time;
    }

    private void SyncWrite(byte address, byte length, ReadOnlySpan<byte> blocks, int baudRate)
    {
        for (int offset = 0; offset + length + 1 <= blocks.Length; offset += length + 1)
        {
            int targets = CollectTargets(blocks[offset], baudRate);
            for (int i = 0; i < targets; i++)
            {
                lock (_lock)
                {
                    _targets[i].Write(address, blocks.Slice(offset + 1, length));
                }
            }
        }
    }

    /// <summary>Fills <c>_targets</c> with the servos that hear <paramref name="id"/> at the client's rate (all, in ID order, for broadcast).</summary>
    private int CollectTargets(byte id, int baudRate)
    {
        int count = 0;
        lock (_lock)
        {
            foreach (VirtualServo servo in _servos)
            {
                if (!servo.Removed && servo.BaudRate == baudRate && (id == FeetechPacket.BroadcastId || servo.Id == id))
                {
                    _targets[count++] = servo;
                }
            }
        }

        _targets.AsSpan(0, count).Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return count;
    }

    /// <summary>Sends one status packet when its time comes; returns when the wire is free again.</summary>
    private long Reply(VirtualServo servo, byte id, ReadOnlySpan<byte> data, long time, int baudRate, PseudoTerminalMaster master)
    {
        Span<byte> packet = stackalloc byte[FeetechPacket.MaxPacketLength];
        int length;
        bool drop;
        lock (_lock)
        {
            length = FeetechPacket.EncodeStatus(packet, id, servo.InjectedErrors, data);
            (drop, bool corrupt) = _faults.Next(id);
            if (corrupt)
            {
                packet[length - 1] ^= 0xFF;
            }
        }

        long release = time + Interlocked.Read(ref _delayTicks);
        if (_options.ModelTiming)
        {
            release += SerialWireClock.Ticks(TimeSpan.FromMicroseconds(servo.ReturnDelayMicroseconds)) + SerialWireClock.WireTicks(length, baudRate);
        }

        if (drop)
        {
            return release;
        }

        SerialWireClock.WaitUntil(release);
        master.Write(packet[..length]);
        long lateness = Stopwatch.GetTimestamp() - release;
        Interlocked.Increment(ref _repliesSent);
        Interlocked.Add(ref _latenessTicksTotal, lateness);
        if (lateness > Interlocked.Read(ref _latenessTicksMax))
        {
            Interlocked.Exchange(ref _latenessTicksMax, lateness);
        }

        return release;
    }

    private int ClientBaudRate()
    {
        try
        {
            int rate = _pair!.SubordinateBaudRate;
            return rate > 0 ? rate : _options.BaudRate;
        }
        catch (HardwareFaultException)
        {
            return _options.BaudRate;
        }
    }
}
