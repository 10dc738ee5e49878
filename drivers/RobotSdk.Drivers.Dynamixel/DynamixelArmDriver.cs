using System.Runtime.Versioning;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The driver (SPI) of a Dynamixel arm described by a <see cref="DynamixelArm"/>: Koch v1.1
/// follower and leader, WidowX 250s, ViperX 300s (see <see cref="DynamixelArms"/>), on one
/// <see cref="DynamixelBus"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Configure"/> opens the port (reopening it when configured again, so an adapter
/// that came back at the same path works without a restart), pings every servo, shadows
/// included, and checks its model; applies the calibration; turns torque off and writes the
/// control table where it differs (Return Delay Time 0, Drive Mode, Operating Mode, Secondary
/// ID, homing offsets and position limits from the calibration, profiles off); and reads once.
/// </para>
/// <para>
/// Each control cycle is one Fast Sync Read (or Sync Read) of Present Current, Velocity and
/// Position (addresses 126 to 135) of the primary servos and one Sync Write of their Goal
/// Positions; shadows follow their primary through Secondary ID. Neither allocates nor throws:
/// timeouts and corrupt replies are <see cref="DriverStatus.Error"/> until
/// <see cref="DynamixelArmDriverOptions.MaxConsecutiveFailures"/> in a row, a vanished port or a
/// hardware alert is <see cref="DriverStatus.MustDeactivate"/> at once, and the bus records each
/// fault with port, servo ID and register in <see cref="Diagnostics"/>.
/// </para>
/// <para>Joint angles follow <see cref="DynamixelJoint"/>'s zero convention; position commands only.</para>
/// </remarks>
public sealed partial class DynamixelArmDriver : IRobotDriver
{
    private readonly ISerialPort _port;
    private readonly bool _ownsPort;
    private readonly DynamixelJoint[] _joints;
    private readonly DynamixelMotor[] _motors;
    private readonly ServoCalibration? _calibration;
    private readonly string _calibrationSource;
    private readonly int _maxConsecutiveFailures;
    private readonly bool _holdTrigger;
    private readonly bool _preferFastSyncRead;
    private readonly JointFrame _frame;
    private bool _portOpenedBefore;

    /// <summary>Creates an unconfigured driver over <paramref name="port"/>, which the caller keeps and disposes; nothing is opened.</summary>
    /// <param name="port">The serial port of the arm's bus.</param>
    /// <param name="arm">The arm, for example <see cref="DynamixelArms.KochFollower"/>.</param>
    /// <param name="options">Bus settings, calibration and fault thresholds; defaults when null.</param>
    /// <exception cref="ArgumentException">The arm definition is inconsistent.</exception>
    public DynamixelArmDriver(ISerialPort port, DynamixelArm arm, DynamixelArmDriverOptions? options = null)
        : this(port, arm, options, ownsPort: false)
    {
    }

    /// <summary>Creates an unconfigured driver that opens <paramref name="portPath"/> on Configure and disposes that port with itself.</summary>
    /// <param name="portPath">The adapter, for example <c>/dev/serial/by-id/usb-FTDI_...</c> or an emulator's link.</param>
    /// <param name="arm">The arm, for example <see cref="DynamixelArms.WidowX250s"/>.</param>
    /// <param name="options">Bus settings, calibration and fault thresholds; defaults when null.</param>
    /// <exception cref="ArgumentException">The arm definition is inconsistent or the path is empty.</exception>
    [SupportedOSPlatform("linux")]
    public DynamixelArmDriver(string portPath, DynamixelArm arm, DynamixelArmDriverOptions? options = null)
        : this(new LinuxSerialPort(portPath, new SerialPortOptions { BaudRate = (options?.Bus ?? new DynamixelBusOptions()).BaudRate }), arm, options, ownsPort: true)
    {
    }

    private DynamixelArmDriver(ISerialPort port, DynamixelArm arm, DynamixelArmDriverOptions? options, bool ownsPort)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(arm);
        options ??= new DynamixelArmDriverOptions();
        options.Validate();
        IReadOnlyList<string> problems = arm.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Arm '{arm.Model}' is inconsistent: {string.Join("; ", problems)}.", nameof(arm));
        }

        _port = port;
        _ownsPort = ownsPort;
        Arm = arm;
        Bus = new DynamixelBus(port, options.Bus);
        _calibration = options.Calibration;
        _calibrationSource = options.CalibrationSource ?? "the calibration";
        _maxConsecutiveFailures = options.MaxConsecutiveFailures;
        _holdTrigger = options.HoldTrigger;
        _preferFastSyncRead = options.UseFastSyncRead;
        UsesFastSyncRead = options.UseFastSyncRead;
        Description = arm.CreateDescription(options.Calibration);
        _joints = [.. arm.Joints];
        _motors = [.. arm.Motors];
        _primaryIds = [.. _joints.Select(joint => joint.Id)];
        _allIds = [.. _motors.Select(motor => motor.Id)];
        _readBlock = new byte[_joints.Length * BlockLength];
        _goalBytes = new byte[_joints.Length * 4];
        _torqueBytes = new byte[_allIds.Length];
        _presentCounts = new int[_joints.Length];
        _goalCounts = new int[_joints.Length];
        _frame = new JointFrame(_joints.Length);
    }

    /// <summary>The arm this driver drives.</summary>
    public DynamixelArm Arm { get; }

    /// <summary>
    /// The bus. For tools that need the servos directly (a <see cref="DynamixelCalibrationRecorder"/>,
    /// rebooting a servo after a hardware alert) and only while no control loop runs on this driver:
    /// the bus is not thread-safe.
    /// </summary>
    public DynamixelBus Bus { get; }

    /// <summary>The port's path.</summary>
    public string PortName => _port.PortName;

    /// <summary>Whether the control cycle reads with Fast Sync Read (false after a fallback to Sync Read for old firmware).</summary>
    public bool UsesFastSyncRead { get; private set; }

    /// <inheritdoc />
    public RobotDescription Description { get; }

    /// <inheritdoc />
    public DriverState State { get; private set; } = DriverState.Unconfigured;

    /// <inheritdoc />
    public DriverDiagnostics Diagnostics => Bus.Diagnostics;

    /// <inheritdoc />
    /// <exception cref="NotSupportedException"><paramref name="mode"/> is not <see cref="CommandMode.Position"/>.</exception>
    /// <exception cref="InvalidOperationException">The driver is not inactive.</exception>
    public void Activate(CommandMode mode)
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        if (mode != CommandMode.Position)
        {
            throw new NotSupportedException($"The {Arm.Model} driver accepts position commands only, not {mode}.");
        }

        if (State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The {Arm.Model} driver on {PortName} is {State}; configure it before activating.");
        }

        // Goal := present before torque comes on, so nothing jumps.
        ThrowIfFailed(ReadBlock(), "the joint state could not be read");
        Array.Copy(_presentCounts, _goalCounts, _goalCounts.Length);
        ThrowIfFailed(WriteGoals(), "the goal positions could not be sent");
        ThrowIfFailed(SetTorque(enabled: true), "torque could not be turned on");

        BusStatus check = UsesFastSyncRead
            ? Bus.FastSyncRead(XSeriesControlTable.TorqueEnable.Address, 1, _allIds, _torqueBytes)
            : Bus.SyncRead(XSeriesControlTable.TorqueEnable.Address, 1, _allIds, _torqueBytes);
        string[] refused = [.. _motors.Where((motor, index) => _torqueBytes[index] != 1).Select(motor => $"'{motor.Name}' (ID {motor.Id})")];
        if (check != BusStatus.Ok || refused.Length > 0)
        {
            SetTorque(enabled: false);
            throw check != BusStatus.Ok
                ? LastFault("torque could not be checked")
                : new HardwareFaultException(PortName, null, XSeriesControlTable.TorqueEnable.Name, $"torque stayed off on {string.Join(", ", refused)}; check Hardware Error Status and the power supply");
        }

        _readFailures = 0;
        _writeFailures = 0;
        State = DriverState.Active;
    }

    /// <summary>
    /// Turns torque off on every servo, shadows and a held trigger included, with one Sync Write.
    /// Best effort: never throws; does nothing while the port is closed.
    /// </summary>
    public void Deactivate()
    {
        if (State == DriverState.Disposed || !_port.IsOpen)
        {
            return;
        }

        try
        {
            SetTorque(enabled: false);
        }
        catch (InvalidOperationException)
        {
            // The port was closed or disposed under the driver: nothing to switch off through it.
        }

        if (State == DriverState.Active)
        {
            State = DriverState.Inactive;
        }
    }

    /// <summary>Turns torque off (best effort) and disposes the port when the driver created it.</summary>
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
    public override string ToString() => $"{Arm.Model} on {PortName} ({State})";

    private void ThrowIfFailed(BusStatus status, string what)
    {
        if (status != BusStatus.Ok)
        {
            throw LastFault(what);
        }
    }

    private HardwareFaultException LastFault(string what) =>
        Diagnostics.LastFault ?? new HardwareFaultException(PortName, null, null, what);
}
