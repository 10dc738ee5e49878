using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// The driver of an Elephant Robotics myCobot 280 (M5 version) over its serial link: the
/// <see cref="IRobotDriver"/> lifecycle over a <see cref="MyCobotBus"/>, one Get Angles and one Send
/// Angles per control cycle, the gripper as a joint of the frame.
/// </summary>
/// <remarks>
/// <para>
/// Joints: <c>joint1</c> to <c>joint6</c> in radians (the firmware's degrees x 100, its zero and sign),
/// then <c>gripper</c> (see <see cref="MyCobot280.CreateDescription"/>): the firmware's gripper value
/// 0..100 as a fraction of the stroke, or metres when <see cref="MyCobotDriverOptions.GripperStrokeMeters"/>
/// is given. Velocities and currents are not measured and stay NaN.
/// </para>
/// <para>
/// Configure (re)opens the port (closing it first, so a cable that was unplugged and came back at the
/// same path works again), asks Is Powered On until the arm answers or
/// <see cref="MyCobotDriverOptions.ConnectTimeoutMs"/> passes, powers the servos if they are off (the
/// firmware reads no angles from unpowered servos), releases them (Release All Servos: torque off,
/// as the Inactive state promises; support the arm, it sags), and reads the joints and the gripper.
/// Activate reads again, takes the present angles as the goals, sets refresh mode, powers the
/// servos on (they lock where they are) and sends those goals, so nothing jumps.
/// </para>
/// <para>
/// Torque off is Release All Servos (0x13), not Power Off (0x11): both leave the joints free, but
/// after a release the angles can still be read and Power On locks the servos again, which is how
/// Elephant's drag-teaching demo uses it (pymycobot <c>demo/drag_trial_teaching.py</c>), while
/// Power Off "closes communication with Atom" (pymycobot <c>generate.py</c>).
/// </para>
/// <para>
/// Read: one Get Angles, and one Get Gripper Value every
/// <see cref="MyCobotDriverOptions.GripperReadInterval"/> calls. Write: one Send Angles of the goals
/// (clamped to the joint limits; NaN repeats the last goal) at <see cref="MyCobotDriverOptions.Speed"/>,
/// and Set Gripper Value only when the gripper goal changed. Neither allocates or throws for link
/// faults: timeouts and damaged replies (after the link's retries) give <see cref="DriverStatus.Error"/>,
/// and <see cref="DriverStatus.MustDeactivate"/> after <see cref="MyCobotDriverOptions.MaxConsecutiveFailures"/>
/// in a row; a vanished port gives MustDeactivate at once. The fault, naming the port and the command,
/// is in <see cref="Diagnostics"/>.
/// </para>
/// </remarks>
public sealed class MyCobotDriver : IRobotDriver
{
    private const int GripperIndex = MyCobot280.ArmJointCount;

    private readonly ISerialPort _port;
    private readonly bool _ownsPort;
    private readonly MyCobotBus _bus;
    private readonly MyCobotDriverOptions _options;
    private readonly double _gripperTravel;
    private readonly double[] _presentDegrees = new double[MyCobot280.ArmJointCount];
    private readonly double[] _goalDegrees = new double[MyCobot280.ArmJointCount];
    private readonly double[] _minDegrees = new double[MyCobot280.ArmJointCount];
    private readonly double[] _maxDegrees = new double[MyCobot280.ArmJointCount];
    private readonly HardwareFaultException _notConfigured;
    private int _gripperValue;
    private int _gripperGoal;
    private int _gripperSent;
    private long _reads;
    private int _consecutiveFailures;

    /// <summary>Creates a driver over <paramref name="port"/>, which the caller keeps owning; nothing is opened.</summary>
    /// <param name="port">The serial port of the M5 base (a CP210x USB-serial bridge, usually <c>/dev/ttyUSB0</c>).</param>
    /// <param name="options">Speeds, gripper, timeouts and fault threshold; defaults when null. Copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MyCobotDriver(ISerialPort port, MyCobotDriverOptions? options = null)
        : this(port, ownsPort: false, options)
    {
    }

    /// <summary>Creates a driver that opens <paramref name="portPath"/> (a <see cref="LinuxSerialPort"/> it owns and disposes) on Configure.</summary>
    /// <param name="portPath">Device path, for example <c>/dev/serial/by-id/usb-Silicon_Labs_CP2104_USB_to_UART_Bridge_Controller_...-if00-port0</c>.</param>
    /// <param name="options">Speeds, gripper, timeouts and fault threshold; defaults when null. Copied.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    [SupportedOSPlatform("linux")]
    public MyCobotDriver(string portPath, MyCobotDriverOptions? options = null)
        : this(new LinuxSerialPort(portPath, new SerialPortOptions { BaudRate = (options?.Bus ?? new MyCobotBusOptions()).BaudRate }), ownsPort: true, options)
    {
    }

    private MyCobotDriver(ISerialPort port, bool ownsPort, MyCobotDriverOptions? options)
    {
        ArgumentNullException.ThrowIfNull(port);
        _options = options?.Copy() ?? new MyCobotDriverOptions();
        _options.Validate();
        _port = port;
        _ownsPort = ownsPort;
        _bus = new MyCobotBus(port, _options.Bus);
        _gripperTravel = _options.GripperStrokeMeters ?? 1;
        Description = MyCobot280.CreateDescription(_options.HasGripper, _options.GripperStrokeMeters) with { MaxControlRateHz = _options.MaxControlRateHz };
        for (int i = 0; i < MyCobot280.ArmJointCount; i++)
        {
            _minDegrees[i] = MyCobotUnits.RadiansToDegrees(MyCobot280.MinPositionRadians(i));
            _maxDegrees[i] = MyCobotUnits.RadiansToDegrees(MyCobot280.MaxPositionRadians(i));
        }

        _notConfigured = new HardwareFaultException(port.PortName, null, null, "the myCobot 280 driver is not configured; configure it (Robot.ClearFault) first");
    }

    /// <summary>The port's name, as used in every fault.</summary>
    public string PortName => _port.PortName;

    /// <inheritdoc />
    public RobotDescription Description { get; }

    /// <inheritdoc />
    public DriverState State { get; private set; } = DriverState.Unconfigured;

    /// <inheritdoc />
    public DriverDiagnostics Diagnostics => _bus.Diagnostics;

    /// <summary>Transient failures in a row so far (reset by a successful read).</summary>
    public int ConsecutiveFailures => _consecutiveFailures;

    /// <summary>Frames for other commands skipped while waiting for replies (late replies, acknowledgements).</summary>
    public long StaleFrames => _bus.StaleFrames;

    /// <inheritdoc />
    /// <exception cref="DeviceUnavailableException">The port cannot be opened.</exception>
    /// <exception cref="HardwareTimeoutException">The arm does not answer; the message lists what to check.</exception>
    /// <exception cref="HardwareFaultException">The arm answered but its state could not be read, or the port vanished.</exception>
    public void Configure()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        State = DriverState.Unconfigured;
        _consecutiveFailures = 0;
        _reads = 0;
        _bus.Close();
        _bus.Open();
        bool powered = WaitForTheArm();
        if (!powered)
        {
            ThrowUnlessOk(_bus.PowerOn(), "powering the servos");
        }

        ThrowUnlessOk(_bus.ReleaseAllServos(), "releasing the servos");
        ReadStateOrThrow();
        State = DriverState.Inactive;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The driver is not configured and inactive.</exception>
    /// <exception cref="NotSupportedException"><paramref name="mode"/> is not <see cref="CommandMode.Position"/>.</exception>
    public void Activate(CommandMode mode)
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        if (mode != CommandMode.Position)
        {
            throw new NotSupportedException($"The {MyCobot280.Model} driver accepts position commands only, not {mode}.");
        }

        if (State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The {MyCobot280.Model} driver is {State}; configure it before activating.");
        }

        // Goals := present before the servos lock, so nothing jumps.
        ReadStateOrThrow();
        _presentDegrees.CopyTo(_goalDegrees, 0);
        _gripperGoal = _gripperValue;
        _gripperSent = _gripperValue;
        if (_options.UseRefreshMode)
        {
            ThrowUnlessOk(_bus.SetRefreshMode(true), "setting refresh mode");
        }

        ThrowUnlessOk(_bus.PowerOn(), "powering the servos");
        try
        {
            ThrowUnlessOk(_bus.SendAngles(_goalDegrees, _options.Speed), "sending the present angles as goals");
        }
        catch (HardwareFaultException)
        {
            ReleaseQuietly();
            throw;
        }

        _consecutiveFailures = 0;
        State = DriverState.Active;
    }

    /// <inheritdoc />
    public void Deactivate()
    {
        if (State == DriverState.Disposed)
        {
            return;
        }

        ReleaseQuietly();
        if (State == DriverState.Active)
        {
            State = DriverState.Inactive;
        }
    }

    /// <inheritdoc />
    public DriverStatus Read(JointFrame state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CheckFrame(state);
        if (State is not (DriverState.Inactive or DriverState.Active))
        {
            return NotConfigured();
        }

        MyCobotStatus status = ReadPresent();
        if (status != MyCobotStatus.Ok)
        {
            return Classify(status);
        }

        Span<double> positions = state.Positions;
        for (int i = 0; i < MyCobot280.ArmJointCount; i++)
        {
            positions[i] = MyCobotUnits.DegreesToRadians(_presentDegrees[i]);
        }

        if (_options.HasGripper)
        {
            positions[GripperIndex] = MyCobotUnits.GripperValueToOpenFraction(_gripperValue) * _gripperTravel;
        }

        state.Velocities.Fill(double.NaN);
        state.Currents.Fill(double.NaN);
        state.TimestampTicks = Stopwatch.GetTimestamp();
        _consecutiveFailures = 0;
        return DriverStatus.Ok;
    }

    /// <inheritdoc />
    public DriverStatus Write(JointFrame command)
    {
        ArgumentNullException.ThrowIfNull(command);
        CheckFrame(command);
        if (State != DriverState.Active)
        {
            return State == DriverState.Inactive ? DriverStatus.Ok : NotConfigured(); // torque off: nothing to send
        }

        ReadOnlySpan<double> positions = command.Positions;
        for (int i = 0; i < MyCobot280.ArmJointCount; i++)
        {
            double position = positions[i];
            if (double.IsFinite(position))
            {
                _goalDegrees[i] = Math.Clamp(MyCobotUnits.RadiansToDegrees(position), _minDegrees[i], _maxDegrees[i]);
            }

            // A NaN command repeats the last goal.
        }

        MyCobotStatus status = _bus.SendAngles(_goalDegrees, _options.Speed);
        if (status != MyCobotStatus.Ok)
        {
            return Classify(status);
        }

        if (_options.HasGripper)
        {
            double position = positions[GripperIndex];
            if (double.IsFinite(position))
            {
                _gripperGoal = MyCobotUnits.OpenFractionToGripperValue(position / _gripperTravel);
            }

            if (_gripperGoal != _gripperSent)
            {
                status = _bus.SetGripperValue(_gripperGoal, _options.GripperSpeed);
                if (status != MyCobotStatus.Ok)
                {
                    return Classify(status);
                }

                _gripperSent = _gripperGoal;
            }
        }

        return DriverStatus.Ok;
    }

    /// <summary>Releases the servos (best effort) and, when the driver created the port, disposes it.</summary>
    public void Dispose()
    {
        if (State == DriverState.Disposed)
        {
            return;
        }

        Deactivate();
        if (_ownsPort)
        {
            _port.Dispose();
        }

        State = DriverState.Disposed;
    }

    /// <inheritdoc />
    public override string ToString() => $"{MyCobot280.Model} on {PortName} ({State})";

    /// <summary>Reads the joints, and the gripper when its turn has come; the results land in the present-state fields.</summary>
    private MyCobotStatus ReadPresent()
    {
        MyCobotStatus status = _bus.ReadAngles(_presentDegrees);
        if (status != MyCobotStatus.Ok)
        {
            return status;
        }

        if (_options.HasGripper && _reads % _options.GripperReadInterval == 0)
        {
            status = _bus.ReadGripperValue(out int value);
            if (status != MyCobotStatus.Ok)
            {
                return status;
            }

            _gripperValue = Math.Clamp(value, 0, MyCobotProtocol.MaxGripperValue);
        }

        _reads++;
        return MyCobotStatus.Ok;
    }

    /// <summary>Asks Is Powered On until the arm answers; returns whether the servos are powered.</summary>
    private bool WaitForTheArm()
    {
        long deadline = Stopwatch.GetTimestamp() + (_options.ConnectTimeoutMs * Stopwatch.Frequency / 1000);
        while (true)
        {
            MyCobotStatus status = _bus.ReadPowerState(out bool powered);
            switch (status)
            {
                case MyCobotStatus.Ok:
                    return powered;
                case MyCobotStatus.Disconnected:
                    throw _bus.Disconnection!;
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                string message = string.Create(CultureInfo.InvariantCulture, $"the myCobot 280 does not answer (no reply to Is Powered On within {_options.ConnectTimeoutMs} ms). ")
                    + $"Check that the arm is powered (12 V supply plugged in, switch on); that {PortName} is the M5 base's USB port and no other program holds it; "
                    + string.Create(CultureInfo.InvariantCulture, $"that the line runs at {_options.Bus.BaudRate} baud (the M5 base's rate is 115200); ")
                    + "and that the M5 Basic runs Elephant's Transponder firmware with Transponder > USB UART chosen and left on that screen, "
                    + "with the Atom at the arm's end running Elephant's Atom firmware (myStudio flashes both)";
                var fault = new HardwareTimeoutException(PortName, null, MyCobotFaults.Describe(MyCobotCommand.IsPoweredOn), message);
                Diagnostics.RecordFault(fault);
                throw fault;
            }
        }
    }

    private void ReadStateOrThrow()
    {
        _reads = 0; // the gripper is read now, and its next turn counts from here
        MyCobotStatus status = ReadPresent();
        if (status != MyCobotStatus.Ok)
        {
            throw Diagnostics.LastFault ?? new HardwareFaultException(PortName, null, null, $"reading the {MyCobot280.Model}'s state failed: {status}");
        }
    }

    private void ThrowUnlessOk(MyCobotStatus status, string what)
    {
        if (status != MyCobotStatus.Ok)
        {
            throw Diagnostics.LastFault ?? new HardwareFaultException(PortName, null, null, $"{what} failed: {status}");
        }
    }

    private void ReleaseQuietly()
    {
        try
        {
            if (_port.IsOpen)
            {
                _bus.ReleaseAllServos();
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // Best effort: the link may be gone; the fault that led here is already recorded.
        }
    }

    private DriverStatus Classify(MyCobotStatus status)
    {
        if (status is MyCobotStatus.Timeout or MyCobotStatus.Corrupt)
        {
            _consecutiveFailures++;
            return _consecutiveFailures >= _options.MaxConsecutiveFailures ? DriverStatus.MustDeactivate : DriverStatus.Error;
        }

        return DriverStatus.MustDeactivate; // Disconnected
    }

    private DriverStatus NotConfigured()
    {
        if (Diagnostics.LastFault is null)
        {
            Diagnostics.RecordFault(_notConfigured);
        }

        return DriverStatus.MustDeactivate;
    }

    private void CheckFrame(JointFrame frame)
    {
        if (frame.Count != Description.Joints.Count)
        {
            throw new ArgumentException($"The {MyCobot280.Model} has {Description.Joints.Count} joints; the frame has {frame.Count}.", nameof(frame));
        }
    }
}
