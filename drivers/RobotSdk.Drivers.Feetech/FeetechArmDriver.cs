using System.Runtime.Versioning;
using RobotSdk.Hardware;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// The driver of a Feetech arm (<see cref="FeetechArms.So101Follower"/>, the SO-101 leader, the
/// SO-100, or any <see cref="FeetechArm"/>): the <see cref="IRobotDriver"/> lifecycle over a
/// <see cref="FeetechBus"/>, one Sync Read and one Sync Write per control cycle.
/// </summary>
/// <remarks>
/// <para>
/// Joint positions: radians = (present counts - 2048) * 2 pi / 4096 * direction. With a calibration
/// written into the servos, present counts are centred at the recorded home, as with LeRobot (whose
/// homing makes the home read 2047, one count away; its degree scale centres on the middle of the
/// recorded range instead, which differs by however far the user's home pose was off that middle).
/// Without a calibration the driver reads the servos as they are: centred if an earlier calibration
/// (this SDK's or LeRobot's) persisted offsets in them, otherwise raw, with 0 rad wherever the horn
/// happens to sit at count 2048. Speeds convert the same way; currents are 6.5 mA per unit.
/// </para>
/// <para>
/// Configure (re)opens the port (closing it first, so a device that vanished and came back at the
/// same path works again), pings every motor and checks its model, checks the calibration,
/// writes to EEPROM only what differs (return delay 0 as LeRobot does, position mode, and the
/// calibration's homing offsets and angle limits), turns torque off and reads once. Activate writes
/// goal := present, then turns torque on with one Sync Write.
/// </para>
/// <para>
/// Read: one Sync Read of the 15 bytes from Present_Position (56) to Present_Current (70) of every
/// motor (position, speed, load, voltage, temperature, status, moving, current), the block Feetech's
/// own SMS_STS library reads as its feedback. Write: one Sync Write of the goal positions, clamped to
/// the servo's 0..4095. Neither allocates or throws for bus faults. Timeouts and corrupt replies
/// give <see cref="DriverStatus.Error"/>, and <see cref="DriverStatus.MustDeactivate"/> after
/// <see cref="FeetechArmDriverOptions.MaxConsecutiveFailures"/> in a row; a vanished port or a servo's
/// error bits (overload, overheat, voltage...) give MustDeactivate at once. The bus records each
/// fault, with port, servo ID and register, in <see cref="Diagnostics"/>.
/// </para>
/// </remarks>
public sealed partial class FeetechArmDriver : IRobotDriver
{
    private const byte FeedbackAddress = 56; // Present_Position
    private const byte FeedbackLength = 15; // 56..70, through Present_Current
    private const int SpeedOffset = 58 - FeedbackAddress;
    private const int CurrentOffset = 69 - FeedbackAddress;
    private const byte FirstSettingAddress = 7; // Return_Delay_Time
    private const int SettingsLength = 33 - FirstSettingAddress + 1; // through Operating_Mode

    private readonly ISerialPort _port;
    private readonly bool _ownsPort;
    private readonly FeetechBus _bus;
    private readonly FeetechArmDriverOptions _options;
    private readonly ServoCalibration? _calibration; // as given at construction; the description depends on it
    private readonly string _calibrationSource;
    private readonly byte[] _ids;
    private readonly int[] _directions;
    private readonly byte[] _feedback;
    private readonly byte[] _goals;
    private readonly byte[] _torque;
    private readonly int[] _lastGoalCounts;
    private readonly HardwareFaultException _notConfigured;
    private int _consecutiveFailures;

    /// <summary>Creates a driver over <paramref name="port"/>, which the caller keeps owning; nothing is opened.</summary>
    /// <param name="port">The serial port of the arm's bus adapter.</param>
    /// <param name="arm">The arm, for example <see cref="FeetechArms.So101Follower"/>.</param>
    /// <param name="options">Bus options, calibration and fault threshold; defaults when null.</param>
    /// <exception cref="ArgumentException">The arm definition or the options are inconsistent.</exception>
    /// <exception cref="CalibrationMismatchException">The calibration was made for another arm; the message names its source.</exception>
    public FeetechArmDriver(ISerialPort port, FeetechArm arm, FeetechArmDriverOptions? options = null)
        : this(port, ownsPort: false, arm, options)
    {
    }

    /// <summary>Creates a driver that opens <paramref name="portPath"/> (a <see cref="LinuxSerialPort"/> it owns and disposes) on Configure.</summary>
    /// <param name="portPath">Device path, for example <c>/dev/serial/by-id/usb-1a86_USB_Single_Serial_...-if00</c>.</param>
    /// <param name="arm">The arm.</param>
    /// <param name="options">Bus options, calibration and fault threshold; defaults when null.</param>
    /// <exception cref="ArgumentException">The path is empty, or the arm definition or the options are inconsistent.</exception>
    /// <exception cref="CalibrationMismatchException">The calibration was made for another arm.</exception>
    [SupportedOSPlatform("linux")]
    public FeetechArmDriver(string portPath, FeetechArm arm, FeetechArmDriverOptions? options = null)
        : this(new LinuxSerialPort(portPath, new SerialPortOptions { BaudRate = (options?.Bus ?? new FeetechBusOptions()).BaudRate }), ownsPort: true, arm, options)
    {
    }

    private FeetechArmDriver(ISerialPort port, bool ownsPort, FeetechArm arm, FeetechArmDriverOptions? options)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(arm);
        arm.ThrowIfInvalid(nameof(arm));
        _options = options ?? new FeetechArmDriverOptions();
        _options.Validate();
        _calibration = _options.Calibration;
        _calibrationSource = _options.CalibrationSource ?? "the calibration";
        if (_calibration is { } calibration)
        {
            arm.EnsureCalibrationFits(calibration, _calibrationSource);
        }

        Arm = arm;
        Description = arm.CreateDescription(_calibration);
        _port = port;
        _ownsPort = ownsPort;
        _bus = new FeetechBus(port, _options.Bus);
        int count = arm.Motors.Count;
        _ids = [.. arm.Motors.Select(motor => motor.Id)];
        _directions = [.. Enumerable.Range(0, count).Select(i => arm.DirectionOf(i, _calibration))];
        _feedback = new byte[count * FeedbackLength];
        _goals = new byte[count * Sts3215.GoalPosition.Size];
        _torque = new byte[count];
        _lastGoalCounts = new int[count];
        _notConfigured = new HardwareFaultException(port.PortName, null, null, $"the {arm.Model} driver is not configured; configure it (Robot.ClearFault) first");
    }

    /// <summary>The arm this driver drives.</summary>
    public FeetechArm Arm { get; }

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

    /// <summary>The bus, for the calibration recorder.</summary>
    internal FeetechBus Bus => _bus;

    /// <inheritdoc />
    /// <exception cref="DeviceUnavailableException">The port cannot be opened.</exception>
    /// <exception cref="HardwareTimeoutException">Motors do not answer; the message names each by name and ID.</exception>
    /// <exception cref="HardwareFaultException">A motor is another servo model, reports an error, or the bus failed.</exception>
    /// <exception cref="CalibrationMismatchException">The calibration does not fit this arm.</exception>
    public void Configure()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        State = DriverState.Unconfigured;
        _consecutiveFailures = 0;
        if (_calibration is { } calibration)
        {
            Arm.EnsureCalibrationFits(calibration, _calibrationSource);
        }

        _bus.Close();
        _bus.Open();
        CheckMotors();
        ThrowUnlessSent(SendTorque(enabled: false));
        for (int i = 0; i < _ids.Length; i++)
        {
            ApplySettings(i);
        }

        ReadFeedbackOrThrow();
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
            throw new NotSupportedException($"The {Arm.Model} driver accepts position commands only, not {mode}.");
        }

        if (State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The {Arm.Model} driver is {State}; configure it before activating.");
        }

        // Goal := present before torque on, so nothing jumps.
        ReadFeedbackOrThrow();
        int size = Sts3215.GoalPosition.Size;
        for (int i = 0; i < _ids.Length; i++)
        {
            _feedback.AsSpan(i * FeedbackLength, size).CopyTo(_goals.AsSpan(i * size));
            _lastGoalCounts[i] = Sts3215.PresentPosition.Decode(_feedback.AsSpan(i * FeedbackLength));
        }

        ThrowUnlessSent(_bus.SyncWrite(Sts3215.GoalPosition.Address, (byte)size, _ids, _goals));
        ThrowUnlessSent(SendTorque(enabled: true));
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

        try
        {
            if (_port.IsOpen)
            {
                SendTorque(enabled: false);
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // Best effort: the bus may be gone; the fault that led here is already recorded.
        }

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

        FeetechStatus status = _bus.SyncRead(FeedbackAddress, FeedbackLength, _ids, _feedback);
        if (status is FeetechStatus.Ok or FeetechStatus.DeviceError)
        {
            Span<double> positions = state.Positions;
            Span<double> velocities = state.Velocities;
            Span<double> currents = state.Currents;
            for (int i = 0; i < _ids.Length; i++)
            {
                ReadOnlySpan<byte> block = _feedback.AsSpan(i * FeedbackLength, FeedbackLength);
                int direction = _directions[i];
                positions[i] = direction * StsUnits.CountsToRadians(Sts3215.PresentPosition.Decode(block));
                velocities[i] = direction * StsUnits.CountsPerSecondToRadiansPerSecond(Sts3215.PresentSpeed.Decode(block[SpeedOffset..]));
                currents[i] = direction * StsUnits.CurrentToAmperes(Sts3215.PresentCurrent.Decode(block[CurrentOffset..]));
            }

            state.TimestampTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        if (status == FeetechStatus.Ok)
        {
            _consecutiveFailures = 0;
            return DriverStatus.Ok;
        }

        return Classify(status);
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
        int size = Sts3215.GoalPosition.Size;
        int lastCount = StsUnits.CountsPerTurn - 1;
        for (int i = 0; i < _ids.Length; i++)
        {
            double position = positions[i];
            int counts = double.IsFinite(position)
                ? Math.Clamp(StsUnits.RadiansToCounts(_directions[i] * Math.Clamp(position, -Math.PI, Math.PI)), 0, lastCount)
                : _lastGoalCounts[i]; // a NaN command repeats the last goal
            _lastGoalCounts[i] = counts;
            Sts3215.GoalPosition.Encode(counts, _goals.AsSpan(i * size, size));
        }

        FeetechStatus status = _bus.SyncWrite(Sts3215.GoalPosition.Address, (byte)size, _ids, _goals);
        return status == FeetechStatus.Ok ? DriverStatus.Ok : Classify(status);
    }

    /// <summary>Turns torque off (best effort) and, when the driver created the port, disposes it.</summary>
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

    private DriverStatus Classify(FeetechStatus status)
    {
        if (status is FeetechStatus.Timeout or FeetechStatus.Corrupt)
        {
            _consecutiveFailures++;
            return _consecutiveFailures >= _options.MaxConsecutiveFailures ? DriverStatus.MustDeactivate : DriverStatus.Error;
        }

        return DriverStatus.MustDeactivate; // Disconnected, or a servo's error bits
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
        if (frame.Count != _ids.Length)
        {
            throw new ArgumentException($"The {Arm.Model} has {_ids.Length} joints; the frame has {frame.Count}.", nameof(frame));
        }
    }

    private FeetechStatus SendTorque(bool enabled)
    {
        Array.Fill(_torque, enabled ? (byte)1 : (byte)0);
        return _bus.SyncWrite(Sts3215.TorqueEnable.Address, 1, _ids, _torque);
    }

    private void ThrowUnlessSent(FeetechStatus status)
    {
        if (status != FeetechStatus.Ok)
        {
            throw Diagnostics.LastFault ?? new HardwareFaultException(PortName, null, null, $"sync write failed: {status}");
        }
    }

    private void ReadFeedbackOrThrow()
    {
        FeetechStatus status = _bus.SyncRead(FeedbackAddress, FeedbackLength, _ids, _feedback);
        if (status != FeetechStatus.Ok)
        {
            throw Diagnostics.LastFault ?? new HardwareFaultException(PortName, null, null, $"reading the {Arm.Model}'s state failed: {status}");
        }
    }
}
