using System.Buffers.Binary;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// Records a servo-level calibration of a Dynamixel arm through an API (no console I/O): homing
/// offsets that put each joint's zero at a home pose, and each servo's range of motion, as
/// LeRobot does. The result is a <see cref="ServoCalibration"/> for
/// <see cref="ServoCalibrationFile.Save"/> and <see cref="DynamixelArmDriverOptions.Calibration"/>.
/// </summary>
/// <remarks>
/// <para>Steps, each driven by the caller's user interface:</para>
/// <list type="number">
/// <item><see cref="Begin"/>: torque off; every servo in extended position mode with the arm's drive
/// modes and shadow IDs, homing offset 0 and full position limits.</item>
/// <item>The user holds the arm at <see cref="DynamixelArm.HomePose"/>; <see cref="RecordHome"/> writes
/// homing offsets so that every servo reads 2048 (0 rad) there (Present = Actual + Homing Offset).</item>
/// <item>The user moves every joint through its range while the caller calls <see cref="Sample"/>
/// repeatedly (for example every 20 ms) and shows <see cref="Progress"/>.</item>
/// <item><see cref="Finish"/> writes the ranges as position limits and returns the calibration.</item>
/// </list>
/// <para>
/// Format (LeRobot's): one entry per servo keyed by motor name, with <c>id</c>, <c>drive_mode</c>
/// (the Drive Mode reverse bit), <c>homing_offset</c>, <c>range_min</c>, <c>range_max</c>. Shadow
/// servos get their own entries (<c>shoulder_shadow</c>, <c>elbow_shadow</c>) as in LeRobot's ALOHA
/// calibration files: each has its own homing offset. Full-turn joints (<see cref="DynamixelJoint.IsFullTurn"/>)
/// record 0 to 4095, as LeRobot does for the Koch's shoulder_pan and wrist_roll.
/// </para>
/// <para>
/// The recorder and a driver must not use the bus at the same time; calibrate before a
/// <c>Robot</c> connects, then create the driver with the new calibration. Not thread-safe.
/// </para>
/// </remarks>
public sealed class DynamixelCalibrationRecorder
{
    private readonly DynamixelBus _bus;
    private readonly DynamixelMotor[] _motors;
    private readonly byte[] _ids;
    private readonly byte[] _positionBytes;
    private readonly int[] _present;
    private readonly int[] _minimum;
    private readonly int[] _maximum;

    /// <summary>Creates a recorder for <paramref name="arm"/> on <paramref name="bus"/>; nothing is sent until <see cref="Begin"/>.</summary>
    /// <param name="bus">The arm's bus; <see cref="Begin"/> opens it if needed.</param>
    /// <param name="arm">The arm, for example <see cref="DynamixelArms.KochFollower"/>.</param>
    public DynamixelCalibrationRecorder(DynamixelBus bus, DynamixelArm arm)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(arm);
        _bus = bus;
        Arm = arm;
        _motors = [.. arm.Motors];
        _ids = [.. _motors.Select(motor => motor.Id)];
        _positionBytes = new byte[_motors.Length * 4];
        _present = new int[_motors.Length];
        _minimum = new int[_motors.Length];
        _maximum = new int[_motors.Length];
    }

    /// <summary>Creates a recorder on a configured driver's bus. Use it while no <c>Robot</c> runs on the driver.</summary>
    /// <param name="driver">A driver in <see cref="DriverState.Inactive"/>.</param>
    /// <exception cref="InvalidOperationException">The driver is not configured and inactive.</exception>
    public DynamixelCalibrationRecorder(DynamixelArmDriver driver)
        : this(driver?.Bus!, driver?.Arm!)
    {
        if (driver!.State != DriverState.Inactive)
        {
            throw new InvalidOperationException($"The driver on {driver.PortName} is {driver.State}; configure it (torque off) before calibrating.");
        }
    }

    /// <summary>The arm being calibrated.</summary>
    public DynamixelArm Arm { get; }

    /// <summary>Where the recording stands.</summary>
    public DynamixelCalibrationStage Stage { get; private set; } = DynamixelCalibrationStage.NotStarted;

    /// <summary>Samples taken since the home was recorded.</summary>
    public int SampleCount { get; private set; }

    /// <summary>A snapshot for a progress display: the stage and each servo's position and range so far.</summary>
    public DynamixelCalibrationProgress Progress => new(
        Stage,
        SampleCount,
        [.. _motors.Select((motor, index) => new MotorCalibrationProgress(motor.Name, motor.Id, _present[index], _minimum[index], _maximum[index], IsFullTurn(motor)))]);

    /// <summary>
    /// Checks the servos, turns torque off (the arm goes limp: support it) and prepares every
    /// servo: extended position mode (readings do not wrap while recording), the arm's drive
    /// modes and shadow IDs, homing offset 0, position limits 0 to 4095. May be called again to restart.
    /// </summary>
    /// <exception cref="HardwareFaultException">A servo is missing, of the wrong model, alerting, or refused a write; the message names the port, joint and ID.</exception>
    public void Begin()
    {
        _bus.Open();
        ArmServos.Check(_bus, Arm.Model, _motors);
        foreach (DynamixelMotor motor in _motors)
        {
            _bus.Write(motor.Id, XSeriesControlTable.TorqueEnable, 0);
        }

        // Primaries first: each write to a primary's ID reaches its shadow too, whose own values come after.
        foreach (DynamixelMotor motor in _motors)
        {
            _bus.Write(motor.Id, XSeriesControlTable.OperatingMode, (int)OperatingMode.ExtendedPosition);
            _bus.Write(motor.Id, XSeriesControlTable.DriveMode, motor.DriveMode);
            _bus.Write(motor.Id, XSeriesControlTable.SecondaryId, motor.SecondaryId);
            _bus.Write(motor.Id, XSeriesControlTable.HomingOffset, 0);
            _bus.Write(motor.Id, XSeriesControlTable.MinPositionLimit, 0);
            _bus.Write(motor.Id, XSeriesControlTable.MaxPositionLimit, ServoUnits.CountsPerRevolution - 1);
        }

        SampleCount = 0;
        Stage = DynamixelCalibrationStage.Begun;
    }

    /// <summary>
    /// With the arm held at <see cref="DynamixelArm.HomePose"/>: writes each servo's homing offset
    /// so that it reads 2048 (the joint's 0 rad) here, and starts each range at this pose.
    /// May be called again to record the home anew; the ranges then restart.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Begin"/> was not called.</exception>
    /// <exception cref="HardwareFaultException">A servo did not answer or refused the write.</exception>
    public void RecordHome()
    {
        if (Stage is not (DynamixelCalibrationStage.Begun or DynamixelCalibrationStage.HomeRecorded))
        {
            throw new InvalidOperationException($"RecordHome needs Begin first (the recorder is {Stage}).");
        }

        // Read every servo before writing any: a primary's write also changes its shadow.
        var offsets = new int[_motors.Length];
        for (int index = 0; index < _motors.Length; index++)
        {
            byte id = _motors[index].Id;
            int withoutOffset = _bus.Read(id, XSeriesControlTable.PresentPosition) - _bus.Read(id, XSeriesControlTable.HomingOffset);
            offsets[index] = ServoUnits.CentreCount - withoutOffset;
        }

        for (int index = 0; index < _motors.Length; index++)
        {
            _bus.Write(_motors[index].Id, XSeriesControlTable.HomingOffset, offsets[index]);
        }

        ReadPositions();
        _present.CopyTo(_minimum, 0);
        _present.CopyTo(_maximum, 0);
        SampleCount = 0;
        Stage = DynamixelCalibrationStage.HomeRecorded;
    }

    /// <summary>Reads every servo's position once (one Sync Read) and widens its range; call it repeatedly while the user moves the joints.</summary>
    /// <returns>The progress after this sample.</returns>
    /// <exception cref="InvalidOperationException"><see cref="RecordHome"/> was not called.</exception>
    /// <exception cref="HardwareFaultException">The read failed after its retries.</exception>
    public DynamixelCalibrationProgress Sample()
    {
        if (Stage != DynamixelCalibrationStage.HomeRecorded)
        {
            throw new InvalidOperationException($"Sample needs RecordHome first (the recorder is {Stage}).");
        }

        ReadPositions();
        for (int index = 0; index < _motors.Length; index++)
        {
            _minimum[index] = Math.Min(_minimum[index], _present[index]);
            _maximum[index] = Math.Max(_maximum[index], _present[index]);
        }

        SampleCount++;
        return Progress;
    }

    /// <summary>
    /// Ends the recording: writes each servo's range as its Min/Max Position Limit (clamped to
    /// 0..4095; they bound goals in position mode) and returns the calibration (bus <c>dynamixel</c>).
    /// </summary>
    /// <param name="armId">The user's name for this physical arm, for example <c>follower-left</c>.</param>
    /// <returns>The calibration, keyed by motor name.</returns>
    /// <exception cref="InvalidOperationException">No home was recorded, or a joint never moved (the message names them).</exception>
    /// <exception cref="HardwareFaultException">A servo refused the write.</exception>
    public ServoCalibration Finish(string armId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armId);
        if (Stage != DynamixelCalibrationStage.HomeRecorded)
        {
            throw new InvalidOperationException($"Finish needs RecordHome and samples first (the recorder is {Stage}).");
        }

        IReadOnlyList<string> unmoved = Progress.MotorsWithoutRange;
        if (unmoved.Count > 0)
        {
            throw new InvalidOperationException(
                $"No range was recorded for {string.Join(", ", unmoved)}: move every joint through its whole range while calling Sample ({SampleCount} samples so far).");
        }

        var motors = new Dictionary<string, MotorCalibration>(StringComparer.Ordinal);
        for (int index = 0; index < _motors.Length; index++)
        {
            DynamixelMotor motor = _motors[index];
            (int low, int high) = IsFullTurn(motor) ? (0, ServoUnits.CountsPerRevolution - 1) : (_minimum[index], _maximum[index]);
            _bus.Write(motor.Id, XSeriesControlTable.MinPositionLimit, Math.Clamp(low, 0, ServoUnits.CountsPerRevolution - 1));
            _bus.Write(motor.Id, XSeriesControlTable.MaxPositionLimit, Math.Clamp(high, 0, ServoUnits.CountsPerRevolution - 1));
            int homingOffset = _bus.Read(motor.Id, XSeriesControlTable.HomingOffset);
            motors[motor.Name] = new MotorCalibration(motor.Id, motor.DriveMode & DynamixelJoint.ReverseBit, homingOffset, low, high);
        }

        Stage = DynamixelCalibrationStage.Finished;
        return new ServoCalibration(Arm.Model, armId, "dynamixel", motors);
    }

    private bool IsFullTurn(DynamixelMotor motor) => Arm.Joints[motor.JointIndex].IsFullTurn;

    private void ReadPositions()
    {
        if (_bus.SyncRead(XSeriesControlTable.PresentPosition.Address, 4, _ids, _positionBytes) != BusStatus.Ok)
        {
            throw _bus.Diagnostics.LastFault ?? new HardwareFaultException(_bus.PortName, null, XSeriesControlTable.PresentPosition.Name, "the positions could not be read");
        }

        for (int index = 0; index < _present.Length; index++)
        {
            _present[index] = BinaryPrimitives.ReadInt32LittleEndian(_positionBytes.AsSpan(index * 4));
        }
    }
}
