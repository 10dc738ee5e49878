using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>
/// A Dynamixel Protocol 2.0 bus on a pseudo-terminal: virtual servos that answer like real
/// X-series servos and move the joints of an <see cref="IJointBackend"/>. Clients open
/// <see cref="PortPath"/> like a U2D2 adapter.
/// </summary>
/// <remarks>
/// <para>
/// Timing: a request takes 10 bits per byte at the rate the client set on the pty (else
/// <see cref="DynamixelEmulatorOptions.BaudRate"/>), then each answering servo waits its
/// Return Delay Time and its reply takes its own wire time before it is released; group
/// reads answer servo after servo. Waits are Stopwatch spin-waits for sub-millisecond accuracy.
/// A servo whose Baud Rate item does not match the client's rate does not answer.
/// </para>
/// <para>
/// Faults to inject: <see cref="DropReplies"/>, <see cref="CorruptReplies"/>,
/// <see cref="ReplyDelayMs"/>, <see cref="SetHardwareError"/>, <see cref="RemoveServo"/> /
/// <see cref="RestoreServo"/> and <see cref="ClosePort"/>. The emulator serves on its own
/// thread between <see cref="Start"/> and <see cref="Stop"/>; every public member is thread-safe.
/// </para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed partial class DynamixelEmulator : IDisposable
{
    private const int BufferSize = 8192;
    private readonly PseudoTerminalPair _pair;
    private readonly List<EmulatedServo> _servos;
    private readonly Lock _sync = new();
    private readonly int[] _dropById = new int[256];
    private readonly int[] _corruptById = new int[256];
    private readonly long[] _instructionCounts = new long[256];
    private int _dropAll;
    private int _corruptAll;
    private double _replyDelayMs;
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile bool _closeRequested;
    private long _wireFreeAt;
    private long _requests;
    private bool _disposed;

    /// <summary>Creates the pseudo-terminal and the servos (factory control tables plus the set-up values); serving starts with <see cref="Start"/>.</summary>
    /// <param name="backend">The joints the servos move.</param>
    /// <param name="servos">The servos on the bus; IDs must be unique and joints within the backend.</param>
    /// <param name="options">Baud rate and link path; defaults when null.</param>
    /// <exception cref="DeviceUnavailableException">No pseudo-terminal could be created.</exception>
    public DynamixelEmulator(IJointBackend backend, IEnumerable<VirtualServo> servos, DynamixelEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(servos);
        options ??= new DynamixelEmulatorOptions();
        int baudIndex = BaudRateIndex.FromRate(options.BaudRate);
        if (baudIndex < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BaudRate, "X-series servos run at 9600, 57600, 115200, 1M, 2M, 3M, 4M or 4.5M baud.");
        }

        List<VirtualServo> setups = [.. servos];
        foreach (VirtualServo setup in setups)
        {
            if (setup.JointIndex >= backend.JointCount)
            {
                throw new ArgumentException($"Servo {setup.Id} drives joint {setup.JointIndex}, but the backend has {backend.JointCount} joints.", nameof(servos));
            }

            if (setups.Count(other => other.Id == setup.Id) > 1)
            {
                throw new ArgumentException($"Two servos have ID {setup.Id}.", nameof(servos));
            }
        }

        BaudRate = options.BaudRate;
        Backend = backend;
        _servos = [.. setups.Select(setup => new EmulatedServo(setup, backend, baudIndex))];
        _pair = PseudoTerminalPair.Create();
        try
        {
            _pair.Master.BaudRate = options.BaudRate;
            if (options.LinkPath is { } link)
            {
                _pair.CreateLink(link);
            }
        }
        catch
        {
            _pair.Dispose();
            throw;
        }
    }

    /// <summary>The pty device clients open, for example <c>/dev/pts/5</c>.</summary>
    public string SubordinatePath => _pair.SubordinatePath;

    /// <summary>The symbolic link to <see cref="SubordinatePath"/>, when one was asked for.</summary>
    public string? LinkPath => _pair.LinkPath;

    /// <summary>The path to give clients: the link when there is one, else the pty device.</summary>
    public string PortPath => LinkPath ?? SubordinatePath;

    /// <summary>The configured bus rate.</summary>
    public int BaudRate { get; }

    /// <summary>The joints the servos move.</summary>
    public IJointBackend Backend { get; }

    /// <summary>The servos' set-up, in the order given.</summary>
    public IReadOnlyList<VirtualServo> Servos => [.. _servos.Select(servo => servo.Setup)];

    /// <summary>Whether the serving thread runs.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Packets received so far (valid or not).</summary>
    public long RequestsReceived => Interlocked.Read(ref _requests);

    /// <summary>
    /// How many intact packets with this instruction arrived so far (whatever they were addressed
    /// to), for tests that check what a client sends per control cycle.
    /// </summary>
    /// <param name="instruction">The instruction, for example <see cref="Instruction.FastSyncRead"/>.</param>
    /// <returns>The count.</returns>
    public long GetInstructionCount(Instruction instruction)
    {
        lock (_sync)
        {
            return _instructionCounts[(byte)instruction];
        }
    }

    /// <summary>The count of every instruction seen so far, taken at one instant (instructions never seen are absent).</summary>
    /// <returns>Counts by instruction.</returns>
    public IReadOnlyDictionary<Instruction, long> GetInstructionCounts()
    {
        lock (_sync)
        {
            var counts = new Dictionary<Instruction, long>();
            for (int code = 0; code < _instructionCounts.Length; code++)
            {
                if (_instructionCounts[code] != 0)
                {
                    counts[(Instruction)code] = _instructionCounts[code];
                }
            }

            return counts;
        }
    }

    /// <summary>The failure that stopped the serving thread, if any (null after a clean stop).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Extra delay, milliseconds, before every reply (on top of the return delay); 0 by default.</summary>
    public double ReplyDelayMs
    {
        get => Volatile.Read(ref _replyDelayMs);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _replyDelayMs, value);
        }
    }

    /// <summary>Starts serving on a background thread.</summary>
    /// <exception cref="InvalidOperationException">Already running, or the port was closed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning || _closeRequested)
        {
            throw new InvalidOperationException(IsRunning ? "The emulator is already running." : "The port was closed; create a new emulator.");
        }

        _stopping = false;
        Fault = null;
        _thread = new Thread(Serve) { IsBackground = true, Name = $"Dynamixel emulator {SubordinatePath}" };
        _thread.Start();
    }

    /// <summary>Stops serving (the servos fall silent; the port stays open) and waits for the thread.</summary>
    public void Stop()
    {
        _stopping = true;
        _thread?.Join();
        _thread = null;
    }

    /// <summary>Stops serving and closes the pseudo-terminal (clients get <see cref="DeviceDisconnectedException"/>) and its link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Stop();
        _disposed = true;
        _pair.Dispose();
    }

    /// <summary>An item of a servo, with present values fresh from the backend.</summary>
    /// <param name="id">The servo's current ID.</param>
    /// <param name="item">The item.</param>
    /// <returns>The raw value.</returns>
    public int ReadRegister(byte id, ControlTableItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            return Servo(id).Get(item);
        }
    }

    /// <summary>Sets an item of a servo directly, bypassing its checks and side effects (set-up for tests).</summary>
    /// <param name="id">The servo's current ID.</param>
    /// <param name="item">The item.</param>
    /// <param name="value">The raw value.</param>
    public void WriteRegister(byte id, ControlTableItem item, int value)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            Servo(id).Set(item, value);
        }
    }

    /// <summary>Swallows the next <paramref name="count"/> replies of one servo, or of any servo when <paramref name="id"/> is null (the instructions still execute).</summary>
    /// <param name="count">Replies to drop.</param>
    /// <param name="id">The servo, or null for any.</param>
    public void DropReplies(int count, byte? id = null) => Arm(_dropById, ref _dropAll, count, id);

    /// <summary>Sends the next <paramref name="count"/> replies of one servo (or any) with a wrong CRC.</summary>
    /// <param name="count">Replies to corrupt.</param>
    /// <param name="id">The servo, or null for any.</param>
    public void CorruptReplies(int count, byte? id = null) => Arm(_corruptById, ref _corruptAll, count, id);

    /// <summary>
    /// Latches hardware errors in a servo, as overheating or an overload would: Hardware Error
    /// Status (70) takes <paramref name="hardwareErrorStatus"/> and every reply carries the alert
    /// bit until the value is 0 again or the servo reboots.
    /// </summary>
    /// <param name="id">The servo.</param>
    /// <param name="hardwareErrorStatus">Bits: 0 input voltage, 2 overheating, 3 encoder, 4 electrical shock, 5 overload.</param>
    public void SetHardwareError(byte id, byte hardwareErrorStatus) => WriteRegister(id, XSeriesControlTable.HardwareErrorStatus, hardwareErrorStatus);

    /// <summary>Takes a servo off the bus (unplugged): it neither executes nor answers until <see cref="RestoreServo"/>.</summary>
    /// <param name="id">The servo.</param>
    public void RemoveServo(byte id) => SetPresent(id, false);

    /// <summary>Puts a removed servo back, with its control table as it was.</summary>
    /// <param name="id">The servo.</param>
    public void RestoreServo(byte id) => SetPresent(id, true);

    /// <summary>Closes the master side of the pty as if the adapter were unplugged: clients see <see cref="DeviceDisconnectedException"/>. The emulator cannot serve again.</summary>
    public void ClosePort()
    {
        _closeRequested = true;
        if (!IsRunning)
        {
            _pair.Master.Close();
        }
        else
        {
            _thread?.Join();
        }
    }

    private EmulatedServo Servo(byte id) =>
        _servos.FirstOrDefault(servo => servo.Id == id) ?? throw new ArgumentException($"The emulator has no servo with ID {id}.", nameof(id));

    private void SetPresent(byte id, bool present)
    {
        lock (_sync)
        {
            Servo(id).IsPresent = present;
        }
    }

    private void Arm(int[] byId, ref int all, int count, byte? id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_sync)
        {
            if (id is { } servoId)
            {
                byId[servoId] = count;
            }
            else
            {
                all = count;
            }
        }
    }

    /// <summary>Consumes one armed fault for any servo; true when one was armed.</summary>
    private static bool TakeAny(ref int all)
    {
        if (all <= 0)
        {
            return false;
        }

        all--;
        return true;
    }

    /// <summary>Consumes one armed fault for servo <paramref name="id"/>; true when one was armed.</summary>
    private static bool TakeFor(int[] byId, byte id)
    {
        if (byId[id] <= 0)
        {
            return false;
        }

        byId[id]--;
        return true;
    }

    private void Serve()
    {
        var buffer = new byte[BufferSize];
        var parameters = new byte[BufferSize];
        int length = 0;
        try
        {
            while (!_stopping)
            {
                if (_closeRequested)
                {
                    _pair.Master.Close();
                    return;
                }

                int count = _pair.Master.Read(buffer.AsSpan(length), 10);
                if (count == 0)
                {
                    continue;
                }

                long received = Stopwatch.GetTimestamp();
                length += count;
                length = HandlePackets(buffer, length, parameters, received);
            }
        }
#pragma warning disable CA1031 // The serving thread must not take the test host down; the failure is kept in Fault.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            if (!_closeRequested && !_stopping)
            {
                Fault = failure;
            }
        }
    }

    /// <summary>Handles every complete packet at the start of the buffer; returns the bytes left.</summary>
    private int HandlePackets(byte[] buffer, int length, byte[] parameters, long received)
    {
        while (true)
        {
            int start = PacketDecoder.FindHeader(buffer.AsSpan(0, length));
            buffer.AsSpan(start, length - start).CopyTo(buffer);
            length -= start;
            FrameResult frame = PacketDecoder.TryFrame(buffer.AsSpan(0, length), BufferSize, out int packetLength);
            if (frame == FrameResult.Incomplete)
            {
                return length;
            }

            if (frame == FrameResult.Complete)
            {
                Interlocked.Increment(ref _requests);
                Handle(buffer.AsSpan(0, packetLength), parameters, received);
            }
            else
            {
                packetLength = 1;
            }

            buffer.AsSpan(packetLength, length - packetLength).CopyTo(buffer);
            length -= packetLength;
        }
    }

    private void Handle(ReadOnlySpan<byte> packet, byte[] parameters, long received)
    {
        int clientRate = ClientBaudRate();
        List<PendingReply> replies;
        lock (_sync)
        {
            replies = Execute(packet, parameters, clientRate);
        }

        long ticksPerSecond = Stopwatch.Frequency;
        long time = Math.Max(received, _wireFreeAt) + SerialWireClock.WireTicks(packet.Length, clientRate);
        foreach (PendingReply reply in replies)
        {
            time += (long)((reply.ReturnDelayMicroseconds + (ReplyDelayMs * 1000)) * ticksPerSecond / 1_000_000);
            time += SerialWireClock.WireTicks(reply.Packet.Length, clientRate);
            WaitUntil(time);
            try
            {
                _pair.Master.Write(reply.Packet);
            }
            catch (HardwareTimeoutException)
            {
                // Nobody reads the line and the pty buffer is full: on a real bus the bytes are simply lost.
            }
        }

        _wireFreeAt = time;
    }

    private int ClientBaudRate()
    {
        int rate = _pair.SubordinateBaudRate;
        return rate > 0 ? rate : BaudRate;
    }

    /// <summary>
    /// Waits until a Stopwatch timestamp: sleeps through all but the last 1.5 ms (in one go up
    /// to 50 ms, so a busy machine delays the wake-up once and Stop is not held up), then spins.
    /// </summary>
    private void WaitUntil(long timestamp)
    {
        long spinTicks = Stopwatch.Frequency * 3 / 2000;
        long remaining;
        while (!_stopping && (remaining = timestamp - Stopwatch.GetTimestamp()) > spinTicks)
        {
            Thread.Sleep(TimeSpan.FromSeconds(Math.Min(0.05, (double)(remaining - spinTicks) / Stopwatch.Frequency)));
        }

        while (!_stopping && Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.SpinWait(20);
        }
    }

    /// <summary>A reply ready to send after its servo's return delay.</summary>
    private readonly record struct PendingReply(byte[] Packet, int ReturnDelayMicroseconds);
}
