using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// The driver of an AgileX PiPER over CAN (an SLCAN USB adapter or a SocketCAN interface): the
/// <see cref="IRobotDriver"/> lifecycle over an <see cref="ICanBus"/> at 1 Mbps. Joints 0 to 5
/// are the arm's joints in radians, joint 6 the gripper's opening in metres (<see cref="PiperArm"/>).
/// </summary>
/// <remarks>
/// <para>
/// Configure (re)opens the bus, waits (at most <see cref="PiperDriverOptions.ConnectTimeoutMs"/>)
/// until the arm's joint, gripper and status feedback has arrived, refuses an arm that reports a
/// fault, and disables the motors (inactive means torque off). Activate selects CAN control, MOVE J
/// and the speed percent (0x151), enables all motors (0x471, motor 7), waits until the arm reports
/// CAN control and, where the low-speed feedback says so, every motor enabled, then sends the
/// present positions as targets so nothing jumps.
/// </para>
/// <para>
/// Read takes every frame that has arrived (never waiting) into the latest state and fills the
/// frame: positions from the joint and gripper feedback, velocities and currents from the motors'
/// high-speed feedback (NaN until it arrives, and for the gripper). Write sends the joint targets
/// (0x155, 0x156, 0x157) every cycle and the gripper (0x159) when its goal changes or every
/// <see cref="PiperDriverOptions.GripperRefreshMs"/>; a NaN repeats the last goal; targets are
/// clamped to the joint limits. Neither allocates or throws for hardware faults. Feedback older
/// than <see cref="PiperDriverOptions.FeedbackTimeoutMs"/>, or frames the adapter refused, give
/// <see cref="DriverStatus.Error"/>, and <see cref="DriverStatus.MustDeactivate"/> after
/// <see cref="PiperDriverOptions.MaxConsecutiveFailures"/> in a row; an arm fault status (emergency
/// stop, collision, joint communication error...), a SocketCAN error frame (bus-off, no
/// acknowledgement...) or a vanished adapter give MustDeactivate at once. Each fault is recorded in
/// <see cref="Diagnostics"/> with the bus, the joint concerned and the code.
/// </para>
/// <para>
/// Deactivate disables all motors (0x471) and the gripper (0x159), best effort. Note that the
/// PiPER's joints are not self-locking: a disabled arm sags under gravity; park it first.
/// </para>
/// </remarks>
public sealed partial class PiperDriver : IRobotDriver
{
    private readonly ICanBus _bus;
    private readonly IDisposable[] _owned;
    private readonly PiperDriverOptions _options;
    private readonly PiperFeedback _feedback = new();
    private readonly PiperFaults _faults;
    private readonly double[] _goals = new double[PiperArm.JointCount];
    private readonly long _staleTicks;
    private readonly long _gripperRefreshTicks;
    private int _consecutiveFailures;
    private long _lastTransmitErrors;
    private int _lastGripperGoalMicrometres;
    private long _lastGripperSendTicks;

    /// <summary>Creates a driver over <paramref name="bus"/>, which the caller keeps owning; nothing is opened.</summary>
    /// <param name="bus">The CAN bus the arm is on (an <see cref="SlcanBus"/> or a <see cref="SocketCanBus"/>).</param>
    /// <param name="options">Timeouts, speed and fault thresholds; defaults when null. Copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PiperDriver(ICanBus bus, PiperDriverOptions? options = null)
        : this(bus, [], options)
    {
    }

    /// <summary>
    /// Creates a driver for the arm on <paramref name="port"/>, with a bus it owns and disposes;
    /// nothing is opened. A path (<c>/dev/ttyACM0</c>, <c>/dev/serial/by-id/...</c>) or
    /// <c>slcan:PATH</c> selects an SLCAN USB adapter (<see cref="SlcanBus"/> over
    /// <see cref="LinuxSerialPort"/>); an interface name (<c>can0</c>) or <c>socketcan:NAME</c>
    /// selects SocketCAN (<see cref="SocketCanBus"/>).
    /// </summary>
    /// <param name="port">The adapter's serial device or the CAN interface.</param>
    /// <param name="options">Timeouts, speed and fault thresholds; defaults when null. Copied.</param>
    /// <exception cref="ArgumentException">The port is empty or not a valid interface name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    [SupportedOSPlatform("linux")]
    public PiperDriver(string port, PiperDriverOptions? options = null)
        : this(CreateBus(port), options)
    {
    }

    private PiperDriver(OwnedBus owned, PiperDriverOptions? options)
        : this(owned.Bus, owned.Disposables, options)
    {
    }

    private PiperDriver(ICanBus bus, IDisposable[] owned, PiperDriverOptions? options)
    {
        ArgumentNullException.ThrowIfNull(bus);
        options ??= new PiperDriverOptions();
        options.Validate();
        _bus = bus;
        _owned = owned;
        _options = options.Copy();
        _faults = new PiperFaults(bus.Name, _options.FeedbackTimeoutMs);
        _staleTicks = _options.FeedbackTimeoutMs * Stopwatch.Frequency / 1000;
        _gripperRefreshTicks = _options.GripperRefreshMs * Stopwatch.Frequency / 1000;
        Description = PiperArm.CreateDescription(_options.SpeedPercent);
    }

    /// <summary>The bus's name, as used in every fault (for example <c>can0</c> or <c>slcan:/dev/ttyACM0</c>).</summary>
    public string BusName => _bus.Name;

    /// <inheritdoc />
    public RobotDescription Description { get; }

    /// <inheritdoc />
    public DriverState State { get; private set; } = DriverState.Unconfigured;

    /// <inheritdoc />
    public DriverDiagnostics Diagnostics { get; } = new();

    /// <summary>Frames sent and received on the bus, and its errors (allocation-free snapshot).</summary>
    public CanBusStatistics BusStatistics => _bus.Statistics;

    /// <summary>Failed cycles in a row so far (reset by a good Read).</summary>
    public int ConsecutiveFailures => _consecutiveFailures;

    /// <summary>The latest arm status as of the last Read (control thread's view; read it between cycles).</summary>
    public ArmStatusFeedback LastArmStatus => _feedback.ArmStatus;

    /// <summary>Disables the motors (best effort) and disposes the bus and port the driver created.</summary>
    public void Dispose()
    {
        if (State == DriverState.Disposed)
        {
            return;
        }

        Deactivate();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        State = DriverState.Disposed;
    }

    /// <inheritdoc />
    public override string ToString() => $"{PiperArm.Model} on {BusName} ({State})";

    /// <summary>Chooses the bus for a port string; see the string constructor.</summary>
    [SupportedOSPlatform("linux")]
    private static OwnedBus CreateBus(string port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(port);
        const string SlcanPrefix = "slcan:";
        const string SocketCanPrefix = "socketcan:";
        if (port.StartsWith(SocketCanPrefix, StringComparison.Ordinal))
        {
            return SocketCan(port[SocketCanPrefix.Length..]);
        }

        bool isSlcan = port.StartsWith(SlcanPrefix, StringComparison.Ordinal);
        string path = isSlcan ? port[SlcanPrefix.Length..] : port;
        if (!isSlcan && !path.Contains('/', StringComparison.Ordinal))
        {
            return SocketCan(path);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(path, nameof(port));
        var serial = new LinuxSerialPort(path, new SerialPortOptions { BaudRate = 115200 });
        var bus = new SlcanBus(serial);
        return new OwnedBus(bus, [bus, serial]);

        // A short write timeout keeps Write bounded when the interface's queue is full (bus-off).
        static OwnedBus SocketCan(string name)
        {
            var bus = new SocketCanBus(name, writeTimeoutMs: 5);
            return new OwnedBus(bus, [bus]);
        }
    }

    /// <summary>A bus the driver created, with everything it must dispose (the bus first, then its port).</summary>
    private readonly record struct OwnedBus(ICanBus Bus, IDisposable[] Disposables);
}
