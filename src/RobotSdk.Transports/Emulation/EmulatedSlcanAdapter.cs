using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using RobotSdk.Transports;

namespace RobotSdk.Emulation;

/// <summary>
/// A USB SLCAN (Lawicel ASCII) CAN adapter on a pseudo-terminal, with an emulated CAN device
/// (<see cref="ICanDevice"/>) on its bus. Any SLCAN client (this SDK's <see cref="SlcanBus"/>,
/// python-can's <c>slcan</c> interface, slcand) opens <see cref="ClientPath"/> as if it were a
/// CANable or USB2CAN adapter.
/// </summary>
/// <remarks>
/// <para>
/// Commands, each line ended by CR, answered with CR (OK) or BEL (error) as Lawicel adapters do:
/// <c>S0</c>-<c>S8</c> bitrate and <c>s</c> (BTR, ignored) only while closed; <c>O</c> open,
/// <c>L</c> open listen-only, <c>C</c> close (BEL when already closed); <c>V</c> and <c>N</c>
/// answer a version and a serial number; <c>F</c> the status flags (bit 7 bus error, bit 3 data
/// overrun); <c>Z0</c>/<c>Z1</c> turn 4-digit millisecond timestamps on received frames off and
/// on; <c>M</c>, <c>m</c>, <c>X</c>, <c>W</c>, <c>Q</c> are accepted and ignored; anything else is
/// BEL. Frames (<c>t</c>, <c>T</c>, <c>r</c>, <c>R</c>) are answered <c>z</c>/<c>Z</c> (see
/// <see cref="EmulatedSlcanAdapterOptions.AcknowledgeWithZ"/>) when accepted, BEL when the
/// channel is closed or listen-only, the line is malformed, the bus is off, or the client's
/// bitrate differs from the device's (nobody would acknowledge the frame).
/// </para>
/// <para>
/// The bus: frames in both directions take turns on one wire; with
/// <see cref="EmulatedSlcanAdapterOptions.ModelWireTime"/> each is delivered when its last bit
/// would have left it (<see cref="CanWireTime"/>), never earlier (later by up to a millisecond of
/// thread wake-up). Frames reach the client only while its channel is open.
/// </para>
/// <para>
/// Faults: lost frames in either direction (<see cref="DropFramesToDevice"/>,
/// <see cref="DropFramesToClient"/>, <see cref="SetFrameLoss"/>); bus-off (<see cref="SetBusOff"/>:
/// the client's frames are answered BEL and nothing is delivered either way); the adapter
/// unplugged (<see cref="Unplug"/>: the pty and its link vanish, clients get
/// <see cref="DeviceDisconnectedException"/>) and plugged back in (<see cref="Replug"/>: a new pty
/// behind the same link).
/// </para>
/// <para>
/// Threads: one reads and answers the client, one writes to it (so a client that stops reading
/// stalls nobody: lines that do not fit the output buffer are dropped and counted as overruns),
/// one runs the bus. Lifecycle like the servo emulators: the constructor only validates,
/// <see cref="Start"/> creates the pty and link, <see cref="Dispose"/> removes them.
/// </para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class EmulatedSlcanAdapter : IDisposable
{
    /// <summary>The bitrate the adapter runs at until the client sends an <c>S</c> command, bit/s.</summary>
    public const int DefaultBitrate = 1_000_000;

    private const int MaxLineLength = 64;
    private const int OutputCapacity = 64 * 1024;
    private const byte StatusBusError = 0x80;
    private const byte StatusDataOverrun = 0x08;

    private readonly ICanDevice _device;
    private readonly EmulatedSlcanAdapterOptions _options;
    private readonly object _gate = new(); // channel state, frame queue, faults, counters
    private readonly object _outputGate = new(); // the bytes waiting for the writer thread
    private readonly PendingFrame[] _queue;
    private readonly byte[] _output = new byte[OutputCapacity];
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private int _queueHead;
    private int _queueCount;
    private long _wireFreeAt;
    private int _outputStart;
    private int _outputCount;
    private Session? _session;
    private Thread? _busThread;
    private bool _started;
    private bool _stopping;
    private bool _disposed;
    private bool _channelOpen;
    private bool _listenOnly;
    private bool _timestamps;
    private bool _busOff;
    private int _overrunSinceStatus;
    private int _bitrate = DefaultBitrate;
    private int _dropToDevice;
    private int _dropToClient;
    private double _lossProbability;
    private Random _lossRandom = new(1);
    private long _framesToDevice;
    private long _framesToClient;
    private long _framesLost;
    private long _transmitsRejected;
    private long _overruns;

    /// <summary>Creates the adapter; nothing is opened until <see cref="Start"/>.</summary>
    /// <param name="device">The device on the adapter's bus.</param>
    /// <param name="options">Link path, wire-time model and identity; defaults when null. Copied.</param>
    public EmulatedSlcanAdapter(ICanDevice device, EmulatedSlcanAdapterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        options ??= new EmulatedSlcanAdapterOptions();
        options.Validate();
        _device = device;
        _options = options.Copy();
        _queue = new PendingFrame[_options.QueueCapacity];
    }

    /// <summary>The pty path of the adapter as plugged in now, for example <c>/dev/pts/5</c>.</summary>
    /// <exception cref="InvalidOperationException">The adapter was never started, or is unplugged.</exception>
    public string PortPath => (Volatile.Read(ref _session) ?? throw new InvalidOperationException("The adapter is not plugged in; call Start (or Replug)."))
        .Pair.SubordinatePath;

    /// <summary>The symbolic link clients can use, from <see cref="EmulatedSlcanAdapterOptions.LinkPath"/>, or null.</summary>
    public string? LinkPath => _options.LinkPath;

    /// <summary>What clients open: the link when there is one, else the pty.</summary>
    public string ClientPath => LinkPath ?? PortPath;

    /// <summary>Whether the adapter is plugged in (started and not unplugged).</summary>
    public bool IsPluggedIn => Volatile.Read(ref _session) is not null;

    /// <summary>Whether the client has opened the CAN channel (<c>O</c> or <c>L</c>).</summary>
    public bool IsChannelOpen
    {
        get
        {
            lock (_gate)
            {
                return _channelOpen;
            }
        }
    }

    /// <summary>The bitrate the client set with <c>Sn</c> (or <see cref="DefaultBitrate"/>), bit/s.</summary>
    public int Bitrate
    {
        get
        {
            lock (_gate)
            {
                return _bitrate;
            }
        }
    }

    /// <summary>Whether the bus is held in the bus-off state by <see cref="SetBusOff"/>.</summary>
    public bool IsBusOff
    {
        get
        {
            lock (_gate)
            {
                return _busOff;
            }
        }
    }

    /// <summary>Frames the device received (after their wire time).</summary>
    public long FramesToDevice => Interlocked.Read(ref _framesToDevice);

    /// <summary>Frame lines written towards the client.</summary>
    public long FramesToClient => Interlocked.Read(ref _framesToClient);

    /// <summary>Frames lost on purpose (<see cref="DropFramesToDevice"/>, <see cref="DropFramesToClient"/>, <see cref="SetFrameLoss"/>).</summary>
    public long FramesLost => Interlocked.Read(ref _framesLost);

    /// <summary>Client frames answered BEL (channel closed, malformed, bus-off, bitrate mismatch).</summary>
    public long TransmitsRejected => Interlocked.Read(ref _transmitsRejected);

    /// <summary>Frames or replies dropped because a buffer was full (the client stopped reading).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Creates the pty (and its link) and starts serving; does nothing when started.</summary>
    /// <exception cref="DeviceUnavailableException">No pseudo-terminal could be created.</exception>
    /// <exception cref="IOException">The link path is taken by something other than a link.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            return;
        }

        Plug();
        _started = true;
        _busThread = new Thread(RunBus) { IsBackground = true, Name = "SLCAN adapter bus" };
        _busThread.Start();
    }

    /// <summary>
    /// Puts <paramref name="frame"/> on the bus from the device; the client receives it as a line
    /// after its wire time. Thread-safe. The frame is discarded (false) while the adapter is
    /// unplugged, its channel closed, the bus off, the bitrates differ, or a loss is injected.
    /// </summary>
    /// <param name="frame">A data or remote frame.</param>
    /// <returns>Whether the frame went on its way to the client.</returns>
    public bool Transmit(in CanFrame frame)
    {
        if (frame.IsError)
        {
            throw new ArgumentException("A device cannot transmit an error frame through SLCAN.", nameof(frame));
        }

        lock (_gate)
        {
            if (!CanCarryFrames())
            {
                return false;
            }

            bool lost = ShouldLose(ref _dropToClient);
            return Enqueue(frame, toDevice: false, lost) && !lost;
        }
    }

    /// <summary>Loses the next <paramref name="count"/> frames from the client to the device (the client still gets its acknowledgement).</summary>
    public void DropFramesToDevice(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _dropToDevice = count;
        }
    }

    /// <summary>Loses the next <paramref name="count"/> frames from the device to the client.</summary>
    public void DropFramesToClient(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _dropToClient = count;
        }
    }

    /// <summary>
    /// Loses each frame, in either direction, with <paramref name="probability"/> (0 turns it off),
    /// drawn from a generator seeded with <paramref name="seed"/> so runs repeat.
    /// </summary>
    public void SetFrameLoss(double probability, int seed = 1)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The loss probability ranges from 0 to 1.");
        }

        lock (_gate)
        {
            _lossProbability = probability;
            _lossRandom = new Random(seed);
        }
    }

    /// <summary>
    /// Holds the bus in the bus-off state (true) or releases it (false): while off, the client's
    /// frames are answered BEL and no frame is delivered in either direction; <c>F</c> reports a bus error.
    /// </summary>
    public void SetBusOff(bool busOff)
    {
        lock (_gate)
        {
            _busOff = busOff;
        }
    }

    /// <summary>
    /// Unplugs the adapter: the pty closes (clients see the device vanish) and the link is
    /// removed, so the path no longer exists. Frames in flight are lost. Does nothing when unplugged.
    /// </summary>
    public void Unplug()
    {
        Session? session;
        lock (_gate)
        {
            session = _session;
            _session = null;
            _channelOpen = false;
            Monitor.PulseAll(_gate);
        }

        if (session is null)
        {
            return;
        }

        session.Stopping = true;
        lock (_outputGate)
        {
            Monitor.PulseAll(_outputGate);
        }

        session.Pair.Dispose();
        session.Reader.Join();
        session.Writer.Join();
    }

    /// <summary>Plugs the adapter back in: a new pty, the link pointed at it, channel closed, bitrate back to the default.</summary>
    /// <exception cref="InvalidOperationException">The adapter was never started.</exception>
    public void Replug()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started)
        {
            throw new InvalidOperationException("Start the adapter first.");
        }

        Unplug();
        Plug();
    }

    /// <summary>Stops the bus, closes the pty and removes the link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _busThread?.Join();
        Unplug();
    }

    /// <inheritdoc />
    public override string ToString() => IsPluggedIn ? $"emulated SLCAN adapter at {ClientPath}" : "emulated SLCAN adapter (unplugged)";

    private static int MillisecondsCeiling(long ticks) =>
        (int)Math.Clamp(((ticks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency, 1, 1000);

    private void Plug()
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

        var session = new Session(pair);
        session.Reader = new Thread(() => RunReader(session)) { IsBackground = true, Name = $"SLCAN adapter reader {pair.SubordinatePath}" };
        session.Writer = new Thread(() => RunWriter(session)) { IsBackground = true, Name = $"SLCAN adapter writer {pair.SubordinatePath}" };
        lock (_outputGate)
        {
            _outputStart = 0;
            _outputCount = 0;
        }

        lock (_gate)
        {
            _channelOpen = false;
            _listenOnly = false;
            _timestamps = false;
            _bitrate = DefaultBitrate;
            _session = session;
        }

        session.Reader.Start();
        session.Writer.Start();
    }

    /// <summary>Whether frames can pass between client and device now. Caller holds <see cref="_gate"/>.</summary>
    private bool CanCarryFrames() => _session is not null && _channelOpen && !_busOff && _bitrate == _device.Bitrate;

    /// <summary>Consumes one "drop next" count or draws a random loss. Caller holds <see cref="_gate"/>.</summary>
    private bool ShouldLose(ref int dropNext)
    {
        if (dropNext > 0)
        {
            dropNext--;
        }
        else if (!(_lossProbability > 0 && _lossRandom.NextDouble() < _lossProbability))
        {
            return false;
        }

        Interlocked.Increment(ref _framesLost);
        return true;
    }

    /// <summary>Queues a frame for the wire; false when the queue is full. Caller holds <see cref="_gate"/>.</summary>
    private bool Enqueue(in CanFrame frame, bool toDevice, bool lost)
    {
        if (_queueCount == _queue.Length)
        {
            CountOverrun();
            return false;
        }

        long now = Stopwatch.GetTimestamp();
        long due = now;
        if (_options.ModelWireTime)
        {
            due = Math.Max(now, _wireFreeAt) + CanWireTime.FrameTicks(frame, _bitrate);
            _wireFreeAt = due;
        }

        _queue[(_queueHead + _queueCount) % _queue.Length] = new PendingFrame(frame, toDevice, lost, due);
        _queueCount++;
        if (_queueCount == 1)
        {
            Monitor.PulseAll(_gate);
        }

        return true;
    }

    private void RunBus()
    {
        Span<byte> line = stackalloc byte[SlcanCodec.MaxFrameLineLength + 4];
        while (true)
        {
            PendingFrame entry;
            bool deliver;
            bool timestamps;
            lock (_gate)
            {
                while (true)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    if (_queueCount == 0)
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    long wait = _queue[_queueHead].DueTicks - Stopwatch.GetTimestamp();
                    if (wait <= 0)
                    {
                        break;
                    }

                    Monitor.Wait(_gate, MillisecondsCeiling(wait));
                }

                entry = _queue[_queueHead];
                _queue[_queueHead] = default;
                _queueHead = (_queueHead + 1) % _queue.Length;
                _queueCount--;
                // A frame the adapter accepted goes out even if the client closes the channel
                // meanwhile; frames for the client are forwarded only while its channel is open.
                deliver = !entry.Lost && (entry.ToDevice ? _session is not null && !_busOff : CanCarryFrames());
                timestamps = _timestamps;
            }

            if (!deliver)
            {
                continue;
            }

            if (entry.ToDevice)
            {
                Interlocked.Increment(ref _framesToDevice);
                _device.OnFrameReceived(entry.Frame);
                continue;
            }

            int length = SlcanCodec.Format(entry.Frame, line);
            if (timestamps)
            {
                length = AppendTimestamp(line, length);
            }

            // Counted before the writer thread can put the line on the pty, so a client that has
            // received a frame never reads a count that does not include it yet.
            Interlocked.Increment(ref _framesToClient);
            if (!QueueOutput(line[..length]))
            {
                Interlocked.Decrement(ref _framesToClient);
            }
        }
    }

    /// <summary>Inserts 4 hex digits of milliseconds (0 to 59999, wrapping) before the line's CR.</summary>
    private int AppendTimestamp(Span<byte> line, int length)
    {
        long milliseconds = (Stopwatch.GetTimestamp() - _startTimestamp) * 1000 / Stopwatch.Frequency % 60000;
        ReadOnlySpan<byte> digits = "0123456789ABCDEF"u8;
        int end = length - 1; // the CR
        for (int i = 0; i < 4; i++)
        {
            line[end + i] = digits[(int)(milliseconds >> (4 * (3 - i))) & 0xF];
        }

        line[end + 4] = SlcanCodec.CarriageReturn;
        return length + 4;
    }

    private void RunReader(Session session)
    {
        var buffer = new byte[512];
        var line = new byte[MaxLineLength];
        int length = 0;
        bool overflowed = false;
        try
        {
            while (!session.Stopping)
            {
                int read = session.Pair.Master.Read(buffer, 20);
                for (int i = 0; i < read; i++)
                {
                    byte value = buffer[i];
                    if (value == SlcanCodec.CarriageReturn)
                    {
                        HandleLine(line.AsSpan(0, length), overflowed);
                        length = 0;
                        overflowed = false;
                    }
                    else if (value == (byte)'\n')
                    {
                        // Tolerate clients that end lines with CR LF.
                    }
                    else if (length < line.Length)
                    {
                        line[length++] = value;
                    }
                    else
                    {
                        overflowed = true;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException)
        {
            // The pty was closed (unplugged or disposed): this session is over.
        }
    }

    private void HandleLine(ReadOnlySpan<byte> line, bool overflowed)
    {
        if (overflowed)
        {
            Reply(false);
            return;
        }

        if (line.IsEmpty)
        {
            Reply(true);
            return;
        }

        switch (line[0])
        {
            case (byte)'t' or (byte)'T' or (byte)'r' or (byte)'R':
                HandleTransmit(line);
                break;
            case (byte)'S':
                Reply(line.Length == 2 && TrySetBitrate(line[1] - '0'));
                break;
            case (byte)'s':
                Reply(WhileClosed(() => { }));
                break;
            case (byte)'O':
                Reply(line.Length == 1 && WhileClosed(() => { _channelOpen = true; _listenOnly = false; }));
                break;
            case (byte)'L':
                Reply(line.Length == 1 && WhileClosed(() => { _channelOpen = true; _listenOnly = true; }));
                break;
            case (byte)'C':
                Reply(line.Length == 1 && CloseChannel());
                break;
            case (byte)'V' when line.Length == 1:
                ReplyText(_options.Version);
                break;
            case (byte)'N' when line.Length == 1:
                ReplyText(_options.SerialNumber);
                break;
            case (byte)'F' when line.Length == 1:
                ReplyStatusFlags();
                break;
            case (byte)'Z' when line.Length == 2 && line[1] is (byte)'0' or (byte)'1':
                lock (_gate)
                {
                    _timestamps = line[1] == (byte)'1';
                }

                Reply(true);
                break;
            case (byte)'M' or (byte)'m' or (byte)'X' or (byte)'W' or (byte)'Q':
                Reply(true);
                break;
            default:
                Reply(false);
                break;
        }
    }

    private void HandleTransmit(ReadOnlySpan<byte> line)
    {
        bool accepted = false;
        bool extended = line[0] is (byte)'T' or (byte)'R';
        if (SlcanCodec.Parse(line, out CanFrame frame) == SlcanLineKind.Frame)
        {
            lock (_gate)
            {
                if (CanCarryFrames() && !_listenOnly)
                {
                    // Accepted for transmission: a lost frame is acknowledged all the same.
                    accepted = Enqueue(frame, toDevice: true, ShouldLose(ref _dropToDevice));
                }
            }
        }

        if (!accepted)
        {
            Interlocked.Increment(ref _transmitsRejected);
            Reply(false);
        }
        else if (_options.AcknowledgeWithZ)
        {
            QueueOutput(extended ? "Z\r"u8 : "z\r"u8);
        }
        else
        {
            Reply(true);
        }
    }

    private bool TrySetBitrate(int index)
    {
        if ((uint)index >= (uint)CanBitrates.Supported.Length)
        {
            return false;
        }

        return WhileClosed(() => _bitrate = CanBitrates.Supported[index]);
    }

    /// <summary>Runs <paramref name="action"/> under the lock if the channel is closed; false (BEL) when open.</summary>
    private bool WhileClosed(Action action)
    {
        lock (_gate)
        {
            if (_channelOpen)
            {
                return false;
            }

            action();
            return true;
        }
    }

    private bool CloseChannel()
    {
        lock (_gate)
        {
            if (!_channelOpen)
            {
                return false;
            }

            _channelOpen = false;
            _listenOnly = false;

            // Like a real adapter, forget what was on its way to the client: a client that opens
            // the channel again must not get frames from before.
            for (int i = 0; i < _queueCount; i++)
            {
                ref PendingFrame entry = ref _queue[(_queueHead + i) % _queue.Length];
                if (!entry.ToDevice)
                {
                    entry = entry with { Lost = true };
                }
            }
        }

        lock (_outputGate)
        {
            _outputStart = 0;
            _outputCount = 0;
        }

        return true;
    }

    private void ReplyStatusFlags()
    {
        bool open;
        bool busOff;
        lock (_gate)
        {
            open = _channelOpen;
            busOff = _busOff;
        }

        if (!open)
        {
            Reply(false);
            return;
        }

        bool overrun = Interlocked.Exchange(ref _overrunSinceStatus, 0) != 0;
        byte flags = (byte)((busOff ? StatusBusError : 0) | (overrun ? StatusDataOverrun : 0));
        ReplyText(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"F{flags:X2}"));
    }

    private void CountOverrun()
    {
        Interlocked.Increment(ref _overruns);
        Interlocked.Exchange(ref _overrunSinceStatus, 1);
    }

    private void Reply(bool ok) => QueueOutput(ok ? [SlcanCodec.CarriageReturn] : [SlcanCodec.Bell]);

    private void ReplyText(string text) => QueueOutput(Encoding.ASCII.GetBytes(text + "\r"));

    /// <summary>Appends bytes for the writer thread; false (counted as an overrun) when they do not fit.</summary>
    private bool QueueOutput(ReadOnlySpan<byte> bytes)
    {
        lock (_outputGate)
        {
            if (OutputCapacity - _outputCount < bytes.Length)
            {
                CountOverrun();
                return false;
            }

            int end = (_outputStart + _outputCount) % OutputCapacity;
            int first = Math.Min(bytes.Length, OutputCapacity - end);
            bytes[..first].CopyTo(_output.AsSpan(end));
            bytes[first..].CopyTo(_output);
            _outputCount += bytes.Length;
            Monitor.Pulse(_outputGate);
            return true;
        }
    }

    private void RunWriter(Session session)
    {
        var chunk = new byte[4096];
        while (true)
        {
            int count;
            lock (_outputGate)
            {
                while (_outputCount == 0 && !session.Stopping)
                {
                    Monitor.Wait(_outputGate, 100);
                }

                if (session.Stopping)
                {
                    return;
                }

                count = Math.Min(_outputCount, chunk.Length);
                int first = Math.Min(count, OutputCapacity - _outputStart);
                _output.AsSpan(_outputStart, first).CopyTo(chunk);
                _output.AsSpan(0, count - first).CopyTo(chunk.AsSpan(first));
                _outputStart = (_outputStart + count) % OutputCapacity;
                _outputCount -= count;
            }

            try
            {
                session.Pair.Master.Write(chunk.AsSpan(0, count));
            }
            catch (HardwareTimeoutException)
            {
                // The client stopped reading and the pty is full: what did not fit is lost.
                CountOverrun();
            }
            catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException)
            {
                return; // Unplugged.
            }
        }
    }

    /// <summary>One frame on its way across the bus.</summary>
    private readonly record struct PendingFrame(CanFrame Frame, bool ToDevice, bool Lost, long DueTicks);

    /// <summary>The adapter as plugged in once: its pty and the threads serving it.</summary>
    private sealed class Session(PseudoTerminalPair pair)
    {
        public PseudoTerminalPair Pair { get; } = pair;

        public Thread Reader { get; set; } = null!;

        public Thread Writer { get; set; } = null!;

        public volatile bool Stopping;
    }
}
