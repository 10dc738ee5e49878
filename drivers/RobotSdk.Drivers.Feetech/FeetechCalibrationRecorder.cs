using System.Globalization;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Records the servo-level calibration of a Feetech arm through an API (no console I/O; the
/// application tells the user what to do between the steps):
/// <list type="number">
/// <item><see cref="Begin"/>: torque off on every motor and homing offsets cleared (until power-off
/// only, so an abandoned calibration leaves nothing behind), so raw positions are read.</item>
/// <item>The user holds the arm at the middle of every joint's range; <see cref="RecordHome"/> writes
/// each homing offset so that this pose reads 2048 (0 rad), and opens the angle limits.</item>
/// <item>The user moves every joint through its full range while the application calls
/// <see cref="Sample"/> repeatedly (every 20 ms or so) and shows <see cref="Progress"/>.</item>
/// <item><see cref="Finish"/> writes the recorded ranges as angle limits and returns the
/// <see cref="ServoCalibration"/>, which <see cref="ServoCalibrationFile.Save"/> or
/// <see cref="ServoCalibrationFile.ExportLeRobot"/> writes to disk.</item>
/// </list>
/// </summary>
/// <remarks>
/// Feetech's homing offset works as Present = Actual - Offset, sign-magnitude with sign bit 11
/// (-2047..2047), so the offset is (actual at home - 2048); a home at actual count 0 (an offset of
/// -2048) is clamped to -2047, one count off. RecordHome and Finish write with Lock 0, so their values
/// persist. Ranges are recorded after the homing offset, in the servo's present counts, as LeRobot
/// records them. Not thread-safe; do not record while a <c>Robot</c> runs over the same bus.
/// </remarks>
public sealed class FeetechCalibrationRecorder
{
    private readonly FeetechBus _bus;
    private readonly FeetechArmDriver? _driver;
    private readonly byte[] _ids;
    private readonly byte[] _positions;
    private readonly int[] _offsets;
    private readonly int[] _present;
    private readonly int[] _min;
    private readonly int[] _max;
    private bool _begun;
    private bool _homed;

    /// <summary>Creates a recorder over an open bus; nothing is sent until <see cref="Begin"/>.</summary>
    /// <param name="bus">The arm's bus, open.</param>
    /// <param name="arm">The arm being calibrated.</param>
    /// <exception cref="ArgumentException">The arm definition is inconsistent.</exception>
    public FeetechCalibrationRecorder(FeetechBus bus, FeetechArm arm)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(arm);
        arm.ThrowIfInvalid(nameof(arm));
        _bus = bus;
        Arm = arm;
        int count = arm.Motors.Count;
        _ids = [.. arm.Motors.Select(motor => motor.Id)];
        _positions = new byte[count * Sts3215.PresentPosition.Size];
        _offsets = new int[count];
        _present = new int[count];
        _min = new int[count];
        _max = new int[count];
    }

    /// <summary>Creates a recorder over a configured, inactive driver's bus (no Robot may run over it meanwhile).</summary>
    /// <param name="driver">The driver; configure it first. Afterwards, create a new driver with the new calibration.</param>
    public FeetechCalibrationRecorder(FeetechArmDriver driver)
        : this(driver?.Bus ?? throw new ArgumentNullException(nameof(driver)), driver.Arm)
    {
        _driver = driver;
    }

    /// <summary>The arm being calibrated.</summary>
    public FeetechArm Arm { get; }

    /// <summary>Per motor: position at the latest sample and the range so far, in counts (zeros before <see cref="RecordHome"/>).</summary>
    public IReadOnlyList<FeetechMotorRange> Progress =>
        [.. Arm.Motors.Select((motor, i) => new FeetechMotorRange(motor.Name, motor.Id, _present[i], _min[i], _max[i]))];

    /// <summary>Turns torque off on every motor and clears its homing offset (until power-off), so raw positions are read.</summary>
    /// <exception cref="InvalidOperationException">The driver given is not configured and inactive.</exception>
    /// <exception cref="HardwareFaultException">A servo did not answer properly.</exception>
    public void Begin()
    {
        if (_driver is { State: not DriverState.Inactive })
        {
            throw new InvalidOperationException($"The {Arm.Model} driver is {_driver.State}; calibrate a configured, inactive (torque off) arm.");
        }

        foreach (byte id in _ids)
        {
            ServoEeprom.WriteTemporary(_bus, id, [(Sts3215.HomingOffset, 0)]);
        }

        Array.Clear(_present);
        Array.Clear(_min);
        Array.Clear(_max);
        _begun = true;
        _homed = false;
    }

    /// <summary>
    /// With the arm held at the middle of every joint's range: computes and writes each homing
    /// offset so that the pose reads 2048, opens the angle limits (0..4095) and starts the ranges there.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Begin"/> was not called.</exception>
    /// <exception cref="HardwareFaultException">A servo did not answer properly.</exception>
    public void RecordHome()
    {
        if (!_begun)
        {
            throw new InvalidOperationException("Call Begin() first: the homing offsets must be cleared before the home is recorded.");
        }

        int maxOffset = Sts3215.HomingOffset.MaxValue;
        for (int i = 0; i < _ids.Length; i++)
        {
            int actual = _bus.Read(_ids[i], Sts3215.PresentPosition);
            _offsets[i] = Math.Clamp(actual - StsUnits.CenterCounts, -maxOffset, maxOffset);
            ServoEeprom.WritePersistent(_bus, _ids[i],
                [(Sts3215.HomingOffset, _offsets[i]), (Sts3215.MinAngleLimit, 0), (Sts3215.MaxAngleLimit, StsUnits.CountsPerTurn - 1)]);
        }

        _homed = true;
        ReadPositions();
        _present.CopyTo(_min, 0);
        _present.CopyTo(_max, 0);
    }

    /// <summary>Reads every motor's position once and widens its recorded range; call it repeatedly while the user moves the joints.</summary>
    /// <exception cref="InvalidOperationException"><see cref="RecordHome"/> was not called.</exception>
    /// <exception cref="HardwareFaultException">The servos could not be read.</exception>
    public void Sample()
    {
        if (!_homed)
        {
            throw new InvalidOperationException("Call RecordHome() first: ranges are recorded relative to the home.");
        }

        ReadPositions();
        for (int i = 0; i < _ids.Length; i++)
        {
            _min[i] = Math.Min(_min[i], _present[i]);
            _max[i] = Math.Max(_max[i], _present[i]);
        }
    }

    /// <summary>Writes the recorded ranges as the servos' angle limits and returns the calibration.</summary>
    /// <param name="armId">The user's name for this physical arm, for example <c>follower-left</c>.</param>
    /// <exception cref="InvalidOperationException"><see cref="RecordHome"/> was not called, or a motor never moved; the message names them.</exception>
    /// <exception cref="HardwareFaultException">A servo did not answer properly.</exception>
    public ServoCalibration Finish(string armId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armId);
        if (!_homed)
        {
            throw new InvalidOperationException("Call RecordHome() and Sample() first.");
        }

        string[] still = [.. Arm.Motors.Where((_, i) => _max[i] <= _min[i]).Select(motor => string.Create(CultureInfo.InvariantCulture, $"'{motor.Name}' (ID {motor.Id})"))];
        if (still.Length > 0)
        {
            throw new InvalidOperationException($"No range was recorded for {string.Join(", ", still)}: move every joint through its full range while calling Sample().");
        }

        var motors = new Dictionary<string, MotorCalibration>(StringComparer.Ordinal);
        for (int i = 0; i < _ids.Length; i++)
        {
            FeetechMotor motor = Arm.Motors[i];
            ServoEeprom.WritePersistent(_bus, motor.Id, [(Sts3215.MinAngleLimit, _min[i]), (Sts3215.MaxAngleLimit, _max[i])]);
            motors[motor.Name] = new MotorCalibration(motor.Id, motor.Direction < 0 ? 1 : 0, _offsets[i], _min[i], _max[i]);
        }

        return new ServoCalibration(Arm.Model, armId, FeetechArm.CalibrationBus, motors);
    }

    private void ReadPositions()
    {
        FeetechStatus status = _bus.SyncRead(Sts3215.PresentPosition.Address, (byte)Sts3215.PresentPosition.Size, _ids, _positions);
        if (status is not (FeetechStatus.Ok or FeetechStatus.DeviceError))
        {
            throw _bus.Diagnostics.LastFault ?? new HardwareFaultException(_bus.PortName, null, Sts3215.PresentPosition.Name, $"reading positions failed: {status}");
        }

        for (int i = 0; i < _ids.Length; i++)
        {
            _present[i] = Sts3215.PresentPosition.Decode(_positions.AsSpan(i * Sts3215.PresentPosition.Size));
        }
    }
}
