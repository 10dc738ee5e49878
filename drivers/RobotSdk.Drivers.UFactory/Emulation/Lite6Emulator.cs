using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RobotSdk.Drivers.UFactory.Protocol;
using RobotSdk.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory.Emulation;

/// <summary>
/// A Lite 6 control box on 127.0.0.1: a TCP server speaking the xArm private protocol of port 502
/// (version, motion enable, state, mode, error codes, move joint, servo-j, joint read, tool GPIO),
/// whose arm is the joints of an <see cref="IJointBackend"/>. <see cref="Lite6Driver"/>, the vendor's
/// Python SDK or any client connects to <see cref="Port"/> as to a real controller.
/// </summary>
/// <remarks>
/// <para>
/// Lifecycle: the constructor only validates; <see cref="Start"/> binds and listens (port 0 takes a
/// free port, kept for the emulator's lifetime, so <see cref="StartListening"/> and a new emulator
/// given <see cref="Port"/> come back at the same address); <see cref="Dispose"/> closes everything.
/// Each client gets its own thread; all share one controller. Requests are answered in order after
/// <see cref="Lite6EmulatorOptions.ProcessingDelay"/>.
/// </para>
/// <para>
/// Joints 0..5 of the backend are joint1..joint6 in radians; joint 6, when the backend has one, is
/// the gripper in metres (0 closed, 0.0089 open), moved by tool outputs 0 and 1. Behaviour and its
/// assumptions: see the controller model in <c>EmulatedController</c> and the driver's README.
/// </para>
/// <para>
/// Fault injection: <see cref="InjectError"/> (the controller stops, as a real one does),
/// <see cref="InjectWarning"/>, <see cref="StopReplying"/> (requests are swallowed, the connection
/// stays up), <see cref="DropClients"/> (TCP disconnect), <see cref="StopListening"/> (new
/// connections are refused) and <see cref="StartListening"/>.
/// </para>
/// </remarks>
public sealed class Lite6Emulator : IDisposable
{
    /// <summary>Speed cap of the default backend, rad/s: the URDF's joint velocity limit.</summary>
    public const double DefaultMaxVelocityRadiansPerSecond = Lite6Arm.MaxVelocityRadiansPerSecond;

    private readonly Lock _lock = new();
    private readonly Lite6EmulatorOptions _options;
    private readonly EmulatedController _controller;
    private readonly List<Socket> _clients = [];
    private readonly List<Thread> _threads = [];
    private Socket? _listener;
    private int _port;
    private volatile bool _silent;
    private bool _disposed;

    /// <summary>Creates the emulated controller; nothing listens until <see cref="Start"/>.</summary>
    /// <param name="backend">The joints: at least 6 (the arm), a 7th for the gripper; <see cref="CreateBackend"/> when null.</param>
    /// <param name="options">Port, processing delay and firmware version; defaults when null.</param>
    /// <exception cref="ArgumentException">The backend has fewer than 6 joints, or an option is invalid.</exception>
    public Lite6Emulator(IJointBackend? backend = null, Lite6EmulatorOptions? options = null)
    {
        _options = options ?? new Lite6EmulatorOptions();
        _options.Validate();
        backend ??= CreateBackend();
        if (backend.JointCount < Lite6Arm.ArmJointCount)
        {
            throw new ArgumentException($"The Lite 6 has {Lite6Arm.ArmJointCount} joints; the backend has only {backend.JointCount}.", nameof(backend));
        }

        Backend = backend;
        _controller = new EmulatedController(backend, _options.FirmwareVersion);
        _port = _options.Port;
    }

    /// <summary>The joints: 0..5 the arm (radians), 6 the gripper (metres) when present.</summary>
    public IJointBackend Backend { get; }

    /// <summary>The address clients connect to: always 127.0.0.1.</summary>
    public static string Host => IPAddress.Loopback.ToString();

    /// <summary>The TCP port: the bound one after <see cref="Start"/> (also when the options asked for 0).</summary>
    public int Port => _port;

    /// <summary>Whether new connections are accepted.</summary>
    public bool IsListening
    {
        get
        {
            lock (_lock)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Clients connected now.</summary>
    public int ConnectedClients
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>The effective control mode (a new mode takes effect with state 0).</summary>
    public ControllerMode Mode => _controller.Mode;

    /// <summary>The state GET_STATE reports: moving, sleeping, paused or stopped.</summary>
    public ControllerState State => _controller.State;

    /// <summary>Whether every arm motor is enabled.</summary>
    public bool IsMotionEnabled => _controller.IsMotionEnabled;

    /// <summary>Whether motion requests are obeyed: enabled, state 0 set, no error (the inverse of state bit 0x10).</summary>
    public bool IsReady => _controller.IsReady;

    /// <summary>The latched error code, 0 when none.</summary>
    public int ErrorCode => _controller.ErrorCode;

    /// <summary>The latched warning code, 0 when none.</summary>
    public int WarningCode => _controller.WarningCode;

    /// <summary>Tool digital output levels, bit i = output i.</summary>
    public int ToolOutputs => _controller.ToolOutputs;

    /// <summary>What the tool outputs tell the gripper: open (0 on, 1 off), closed (0 off, 1 on), otherwise unknown (stopped where it is).</summary>
    public Lite6GripperState GripperState => (ToolOutputs & 0b11) switch
    {
        0b01 => Lite6GripperState.Open,
        0b10 => Lite6GripperState.Closed,
        _ => Lite6GripperState.Unknown,
    };

    /// <summary>Whether requests are being swallowed (<see cref="StopReplying"/>).</summary>
    public bool IsSilent => _silent;

    /// <summary>
    /// The default backend: seven first-order joints (time constant 50 ms, capped at
    /// <see cref="DefaultMaxVelocityRadiansPerSecond"/>), the arm at <paramref name="initialPositions"/>
    /// (all zeros, the folded home pose, when null) and the gripper closed, motors off.
    /// </summary>
    public static FirstOrderJointBackend CreateBackend(IReadOnlyList<double>? initialPositions = null)
    {
        if (initialPositions is not null && initialPositions.Count != Lite6Arm.ArmJointCount)
        {
            throw new ArgumentException($"Give {Lite6Arm.ArmJointCount} arm positions; got {initialPositions.Count}.", nameof(initialPositions));
        }

        double[] positions = new double[Lite6Arm.JointCount];
        for (int joint = 0; joint < Lite6Arm.ArmJointCount; joint++)
        {
            positions[joint] = Lite6Arm.Clamp(joint, initialPositions?[joint] ?? 0);
        }

        positions[Lite6Arm.GripperIndex] = Lite6Arm.GripperClosedMeters;
        return new FirstOrderJointBackend(Lite6Arm.JointCount, timeConstantSeconds: 0.05, maxVelocity: DefaultMaxVelocityRadiansPerSecond, initialPositions: positions);
    }

    /// <summary>How many requests with this function code arrived (answered or swallowed), so tests can check what a client sends.</summary>
    public long GetRequestCount(XArmFunction function) => _controller.GetRequestCount(function);

    /// <summary>Binds 127.0.0.1:<see cref="Port"/> and starts accepting clients (nothing happens when already listening).</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public void Start() => StartListening();

    /// <summary>Listens again on the same port after <see cref="StopListening"/>.</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public void StartListening()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
            {
                return;
            }

            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // A restarted emulator must get its port back while old connections sit in TIME_WAIT.
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, _port));
                listener.Listen(8);
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            _port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            _listener = listener;
            StartThread(() => Accept(listener), $"Lite 6 emulator :{_port} accept");
        }
    }

    /// <summary>Closes the listening socket: new connections are refused; connected clients stay.</summary>
    public void StopListening()
    {
        Socket? listener;
        lock (_lock)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Dispose();
    }

    /// <summary>Closes every client connection (the clients see the peer close); listening goes on.</summary>
    public void DropClients()
    {
        Socket[] clients;
        lock (_lock)
        {
            clients = [.. _clients];
            _clients.Clear();
        }

        foreach (Socket client in clients)
        {
            Close(client);
        }
    }

    /// <summary>From now on requests are read and swallowed: no reply, no action, the connection stays up.</summary>
    public void StopReplying() => _silent = true;

    /// <summary>Answers requests again.</summary>
    public void ResumeReplying() => _silent = false;

    /// <summary>Latches controller error <paramref name="code"/> (for example 31, collision): the controller stops the arm, every reply carries the error bit until a client clears it.</summary>
    public void InjectError(int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 255);
        _controller.InjectError(code);
    }

    /// <summary>Latches controller warning <paramref name="code"/> (for example 11, cache full): replies carry the warning bit; the arm goes on.</summary>
    public void InjectWarning(int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 255);
        _controller.InjectWarning(code);
    }

    /// <summary>Stops listening, closes every client and waits briefly for the threads.</summary>
    public void Dispose()
    {
        Thread[] threads;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        StopListening();
        DropClients();
        lock (_lock)
        {
            threads = [.. _threads];
        }

        foreach (Thread thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"emulated Lite 6 controller at {Host}:{_port}";

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the client.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    private void StartThread(Action body, string name)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        _threads.RemoveAll(old => !old.IsAlive);
        _threads.Add(thread);
        thread.Start();
    }

    private void Accept(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return; // StopListening or Dispose
            }

            client.NoDelay = true;
            lock (_lock)
            {
                if (_disposed)
                {
                    client.Dispose();
                    return;
                }

                _clients.Add(client);
                StartThread(() => Serve(client), $"Lite 6 emulator :{_port} client");
            }
        }
    }

    private void Serve(Socket client)
    {
        byte[] received = new byte[2 * XArmPacket.MaxFrameLength];
        byte[] reply = new byte[XArmPacket.MaxFrameLength];
        byte[] data = new byte[XArmPacket.MaxFrameLength - XArmPacket.ReplyOverhead];
        int count = 0;
        try
        {
            while (true)
            {
                int read = client.Receive(received.AsSpan(count));
                if (read == 0)
                {
                    return; // the client closed
                }

                count += read;
                int consumed = 0;
                while (true)
                {
                    XArmDecodeResult result = XArmPacket.TryDecodeRequest(received.AsSpan(consumed, count - consumed), out XArmRequest request);
                    if (result == XArmDecodeResult.Incomplete)
                    {
                        break;
                    }

                    if (result != XArmDecodeResult.Complete)
                    {
                        return; // out of step: a real controller cannot resynchronise either
                    }

                    consumed += request.FrameLength;
                    _controller.CountRequest(request.Function);
                    if (_silent)
                    {
                        continue;
                    }

                    Delay();
                    int dataLength = _controller.Handle(request, data, out XArmStateBits state);
                    int length = XArmPacket.WriteReply(reply, request.TransactionId, request.Function, state, data.AsSpan(0, dataLength));
                    client.Send(reply.AsSpan(0, length));
                }

                received.AsSpan(consumed, count - consumed).CopyTo(received);
                count -= consumed;
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The client went away, or DropClients/Dispose closed it.
        }
        finally
        {
            lock (_lock)
            {
                _clients.Remove(client);
            }

            client.Dispose();
        }
    }

    private void Delay()
    {
        TimeSpan delay = _options.ProcessingDelay;
        if (delay >= TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(delay);
            return;
        }

        long until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }
}
