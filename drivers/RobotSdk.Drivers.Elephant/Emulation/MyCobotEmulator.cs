using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Emulation;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Elephant.Emulation;

/// <summary>
/// A myCobot 280 on a pseudo-terminal: the M5 base's serial link and the Atom firmware behind it,
/// answering the protocol byte for byte and moving the joints of an <see cref="IJointBackend"/>. Any
/// serial client (this SDK's <see cref="MyCobotDriver"/>, pymycobot) opens <see cref="PortPath"/> as
/// if it were the arm's USB port.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle: the constructor only validates; <see cref="Start"/> creates the pty (and the link, once)
/// and the serving thread; <see cref="Stop"/> ends the thread (the arm falls silent, the port stays);
/// <see cref="Dispose"/> stops, closes the pty (clients see the device vanish) and removes the link.
/// </para>
/// <para>
/// Timing: a request takes 10 bits per byte at the client's line rate (read from the pty's termios)
/// from when the link is free; the firmware then takes <see cref="MyCobotEmulatorOptions.ProcessingLatency"/>
/// (default 20 ms) before it acts and answers, one frame at a time; a reply takes its own wire time.
/// Between frames the firmware moves every engaged joint toward its target at the commanded speed
/// (see <see cref="MyCobotFirmware"/> for what is modelled and how).
/// </para>
/// <para>
/// Fault injection: lost replies (<see cref="DropReplies"/>, <see cref="DropRepliesAtRandom"/>),
/// damaged ones (<see cref="GarbleReplies"/>, <see cref="TruncateReplies"/>), stale ones
/// (<see cref="DuplicateReplies"/>, <see cref="PrecedeRepliesWithStaleFrames"/>), slow ones
/// (<see cref="DelayReplies"/>), a power loss (<see cref="CutPower"/>, <see cref="RestorePower"/>) and an
/// unplugged cable (<see cref="ClosePort"/>). Commands still take effect when their reply is lost.
/// </para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class MyCobotEmulator : IDisposable
{
    // A lone header byte (line noise, as pymycobot issue #28 saw) and a late reply of another query.
    private static readonly byte[] s_staleGripperValue = [MyCobotProtocol.Header, MyCobotProtocol.Header, MyCobotProtocol.Header, 0x03, (byte)MyCobotCommand.GetGripperValue, 50, MyCobotProtocol.Footer];
    private static readonly byte[] s_stalePowerState = [MyCobotProtocol.Header, MyCobotProtocol.Header, MyCobotProtocol.Header, 0x03, (byte)MyCobotCommand.IsPoweredOn, 1, MyCobotProtocol.Footer];

    private readonly Lock _lock = new();
    private readonly MyCobotEmulatorOptions _options;
    private readonly MyCobotFirmware _firmware;
    private readonly ReplyFaults _faults;
    private readonly long[] _commandCounts = new long[256];
    private long _delayTicks;
    private long _linkFreeAt;
    private long _repliesSent;
    private long _repliesDropped;
    private long _framesReceived;
    private long _framesRejected;
    private PseudoTerminalPair? _pair;
    private Thread? _thread;
    private volatile bool _stopping;
    private bool _disposed;

    /// <summary>Creates an emulated arm; nothing is opened until <see cref="Start"/>.</summary>
    /// <param name="backend">
    /// The joints: 0-5 the arm in radians, 6 (optional) the gripper as an open fraction 0..1; a
    /// <see cref="FirstOrderJointBackend"/> from <see cref="CreateBackend"/> when null.
    /// </param>
    /// <param name="options">Link, timing, acknowledgements and speeds; defaults when null. Copied.</param>
    /// <exception cref="ArgumentException">The backend has fewer than six joints.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MyCobotEmulator(IJointBackend? backend = null, MyCobotEmulatorOptions? options = null)
    {
        _options = options?.Copy() ?? new MyCobotEmulatorOptions();
        _options.Validate();
        backend ??= CreateBackend();
        if (backend.JointCount < MyCobot280.ArmJointCount)
        {
            throw new ArgumentException($"The myCobot 280 has {MyCobot280.ArmJointCount} joints; the backend has only {backend.JointCount}.", nameof(backend));
        }

        Backend = backend;
        _faults = new ReplyFaults(_options.RandomSeed);
        _firmware = new MyCobotFirmware(backend, _options);
    }

    /// <summary>The joints the firmware moves.</summary>
    public IJointBackend Backend { get; }

    /// <summary>The path clients open: the link when one was made, else the pty.</summary>
    /// <exception cref="InvalidOperationException">The emulator was never started.</exception>
    public string PortPath => LinkPath ?? PseudoTerminalPath;

    /// <summary>The pty's own path, for example <c>/dev/pts/5</c>.</summary>
    /// <exception cref="InvalidOperationException">The emulator was never started.</exception>
    public string PseudoTerminalPath => (_pair ?? throw new InvalidOperationException("Start the emulator first.")).SubordinatePath;

    /// <summary>The symbolic link made from <see cref="MyCobotEmulatorOptions.LinkPath"/>, or null.</summary>
    public string? LinkPath => _pair?.LinkPath;

    /// <summary>Whether the serving thread runs.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Why the serving thread stopped on its own (the port was closed), or null.</summary>
    public Exception? StopReason { get; private set; }

    /// <summary>Whether the arm has gripper joint (the backend's joint 6).</summary>
    public bool HasGripper => _firmware.HasGripper;

    /// <summary>Whether the firmware has power (false after <see cref="CutPower"/>).</summary>
    public bool HasPower => Locked(() => _firmware.HasPower);

    /// <summary>Whether the servos are powered (Power On / Power Off).</summary>
    public bool IsPoweredOn => Locked(() => _firmware.IsPoweredOn);

    /// <summary>The mode last set by Set Refresh Mode (true: refresh).</summary>
    public bool RefreshMode => Locked(() => _firmware.RefreshMode);

    /// <summary>Speed of the last joint move, 1-100, or 0 before any.</summary>
    public int LastSpeed => Locked(() => _firmware.LastSpeed);

    /// <summary>Replies written to the port (lost ones excluded).</summary>
    public long RepliesSent => Interlocked.Read(ref _repliesSent);

    /// <summary>Replies lost on purpose.</summary>
    public long RepliesDropped => Interlocked.Read(ref _repliesDropped);

    /// <summary>Well-formed frames received (any command, answered or not).</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Headers with a bad LEN or no footer received.</summary>
    public long FramesRejected => Interlocked.Read(ref _framesRejected);

    /// <summary>
    /// A joint of the backend in the firmware's units: 0-5 the arm in radians, 6 the gripper as an open
    /// fraction. A convenience over <see cref="Backend"/>.
    /// </summary>
    public double GetJointPosition(int joint) => Backend.GetPresentPosition(joint);

    /// <summary>Whether joint <paramref name="joint"/> (0-6) holds its target, as opposed to free (released or unpowered).</summary>
    public bool IsEngaged(int joint) => Locked(() => _firmware.IsEngaged(joint));

    /// <summary>The target joint <paramref name="joint"/> moves toward, in the firmware's units.</summary>
    public double GetTarget(int joint) => Locked(() => _firmware.TargetOf(joint));

    /// <summary>How many well-formed frames with this command were received (answered or not, retries included).</summary>
    public long GetCommandCount(MyCobotCommand command) => Interlocked.Read(ref _commandCounts[(byte)command]);

    /// <summary>
    /// The default backend: six arm joints at <paramref name="initialPositions"/> (0 rad when null) and,
    /// with <paramref name="withGripper"/>, the gripper closed (0); first-order, time constant 50 ms,
    /// capped at twice the firmware's top speed so the firmware's speed governs.
    /// </summary>
    public static FirstOrderJointBackend CreateBackend(bool withGripper = true, IReadOnlyList<double>? initialPositions = null)
    {
        int count = withGripper ? MyCobot280.ArmJointCount + 1 : MyCobot280.ArmJointCount;
        double[] start = new double[count];
        if (initialPositions is not null)
        {
            if (initialPositions.Count is not (MyCobot280.ArmJointCount or MyCobot280.ArmJointCount + 1) || initialPositions.Count > count)
            {
                throw new ArgumentException($"Give {MyCobot280.ArmJointCount} arm positions (and the gripper's, with a gripper), not {initialPositions.Count}.", nameof(initialPositions));
            }

            for (int i = 0; i < initialPositions.Count; i++)
            {
                start[i] = initialPositions[i];
            }
        }

        return new FirstOrderJointBackend(count, timeConstantSeconds: 0.05, maxVelocity: 2 * MyCobot280.MaxJointSpeedRadiansPerSecond, initialPositions: start);
    }

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
        _thread = new Thread(Serve) { IsBackground = true, Name = $"myCobot emulator {_pair.SubordinatePath}" };
        _thread.Start();
    }

    /// <summary>Stops serving (the arm falls silent); the pty stays open and <see cref="Start"/> resumes.</summary>
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

    /// <summary>Stops serving, closes the pty (clients get <see cref="DeviceDisconnectedException"/>) and removes its link.</summary>
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

    /// <summary>Loses the next <paramref name="count"/> replies (the commands still take effect).</summary>
    public void DropReplies(int count) => SetFault(ReplyFault.Drop, count);

    /// <summary>Loses each reply with <paramref name="probability"/> (0 to 1; 0 turns it off), drawn from a seeded generator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The probability is outside 0..1.</exception>
    public void DropRepliesAtRandom(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability ranges from 0 to 1.");
        }

        lock (_lock)
        {
            _faults.SetDropProbability(probability);
        }
    }

    /// <summary>Damages the next <paramref name="count"/> replies: a wrong footer and a flipped data byte, so decoders reject them.</summary>
    public void GarbleReplies(int count) => SetFault(ReplyFault.Garble, count);

    /// <summary>Sends only the first half of the next <paramref name="count"/> replies.</summary>
    public void TruncateReplies(int count) => SetFault(ReplyFault.Truncate, count);

    /// <summary>Sends each of the next <paramref name="count"/> replies twice.</summary>
    public void DuplicateReplies(int count) => SetFault(ReplyFault.Duplicate, count);

    /// <summary>
    /// Sends, before each of the next <paramref name="count"/> replies, a lone <c>FE</c> and a stale reply
    /// to another query (<c>FE FE 03 65 32 FA</c>, a gripper value; before a gripper value,
    /// <c>FE FE 03 12 01 FA</c>), as a late answer to an earlier request would arrive.
    /// </summary>
    public void PrecedeRepliesWithStaleFrames(int count) => SetFault(ReplyFault.PrecedeWithStale, count);

    /// <summary>Adds <paramref name="delay"/> to every reply; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative.</exception>
    public void DelayReplies(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Interlocked.Exchange(ref _delayTicks, SerialWireClock.Ticks(delay));
    }

    /// <summary>Ends every injected reply fault (counts, random losses, delay).</summary>
    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }

        DelayReplies(TimeSpan.Zero);
    }

    /// <summary>The arm loses power (its supply unplugged, the USB link still up): nothing answers, every joint goes free.</summary>
    public void CutPower()
    {
        lock (_lock)
        {
            _firmware.CutPower();
        }
    }

    /// <summary>Power comes back: the firmware boots (servos powered and holding where they are, unless <see cref="MyCobotEmulatorOptions.StartPoweredOn"/> is false).</summary>
    public void RestorePower()
    {
        lock (_lock)
        {
            _firmware.RestorePower();
        }
    }

    /// <summary>Closes the emulator's side of the pty, as if the USB cable were pulled: clients see the device vanish.</summary>
    public void ClosePort() => _pair?.Master.Close();

    private T Locked<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }

    private void SetFault(ReplyFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _faults.Set(fault, count);
        }
    }

    private void Serve()
    {
        var decoder = new MyCobotFrameDecoder(1024);
        PseudoTerminalMaster master = _pair!.Master;
        try
        {
            while (!_stopping)
            {
                int read = master.Read(decoder.GetAppendBuffer(), 5);
                long now = Stopwatch.GetTimestamp();
                lock (_lock)
                {
                    _firmware.Advance(now);
                }

                if (read == 0)
                {
                    continue;
                }

                decoder.Commit(read);
                while (true)
                {
                    MyCobotDecodeResult result = decoder.TryDecode(out MyCobotFrame frame);
                    if (result == MyCobotDecodeResult.NeedMoreData)
                    {
                        break;
                    }

                    if (result == MyCobotDecodeResult.Rejected)
                    {
                        Interlocked.Increment(ref _framesRejected);
                        continue;
                    }

                    Interlocked.Increment(ref _framesReceived);
                    Interlocked.Increment(ref _commandCounts[frame.CommandByte]);
                    Handle(frame, now, master);
                }
            }
        }
        catch (Exception failure) when (failure is InvalidOperationException or ObjectDisposedException or HardwareFaultException or IOException)
        {
            // The port was closed under the emulator (ClosePort or Dispose): stop serving.
            StopReason = failure;
        }
    }

    private void Handle(MyCobotFrame request, long arrival, PseudoTerminalMaster master)
    {
        int baudRate = ClientBaudRate();
        if (baudRate != _options.BaudRate)
        {
            return; // the base would have seen garbage at another rate
        }

        long done = arrival;
        if (_options.ModelTiming)
        {
            done = Math.Max(arrival, _linkFreeAt) + SerialWireClock.WireTicks(request.Length, baudRate) + SerialWireClock.Ticks(_options.ProcessingLatency);
            SerialWireClock.WaitUntil(done);
        }

        Span<byte> reply = stackalloc byte[MyCobotProtocol.MaxFrameLength];
        int length;
        ReplyFault fate = ReplyFault.None;
        lock (_lock)
        {
            length = _firmware.Execute(request, Stopwatch.GetTimestamp(), reply);
            if (length > 0)
            {
                fate = _faults.Next();
            }
        }

        _linkFreeAt = done;
        if (length == 0)
        {
            return;
        }

        long release = done + Interlocked.Read(ref _delayTicks) + (_options.ModelTiming ? SerialWireClock.WireTicks(length, baudRate) : 0);
        _linkFreeAt = release;
        if (fate == ReplyFault.Drop)
        {
            Interlocked.Increment(ref _repliesDropped);
            return;
        }

        SerialWireClock.WaitUntil(release);
        switch (fate)
        {
            case ReplyFault.Garble:
                reply[length - 1] ^= 0x55;
                reply[length - 2] ^= 0xFF;
                master.Write(reply[..length]);
                break;
            case ReplyFault.Truncate:
                master.Write(reply[..(length / 2)]);
                break;
            case ReplyFault.Duplicate:
                master.Write(reply[..length]);
                master.Write(reply[..length]);
                break;
            case ReplyFault.PrecedeWithStale:
                master.Write(reply[3] == (byte)MyCobotCommand.GetGripperValue ? s_stalePowerState : s_staleGripperValue);
                master.Write(reply[..length]);
                break;
            default:
                master.Write(reply[..length]);
                break;
        }

        Interlocked.Increment(ref _repliesSent);
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
