using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>How a <see cref="DynamixelArmDriver"/> talks to its arm.</summary>
public sealed class DynamixelArmDriverOptions
{
    /// <summary>Baud rate (default 1 Mbps), retries and reply timeout of the bus.</summary>
    public DynamixelBusOptions Bus { get; set; } = new();

    /// <summary>
    /// The arm's servo calibration (homing offsets, ranges), for example from
    /// <see cref="ServoCalibrationFile.Load"/> or <see cref="ServoCalibrationFile.ImportLeRobot"/>,
    /// or from <see cref="DynamixelCalibrationRecorder.Finish"/>. When null the driver keeps the
    /// homing offsets and position limits the servos hold.
    /// </summary>
    public ServoCalibration? Calibration { get; set; }

    /// <summary>Where <see cref="Calibration"/> came from, usually its file path; named in mismatch errors.</summary>
    public string? CalibrationSource { get; set; }

    /// <summary>
    /// Consecutive failed reads (or writes) after which the driver asks to deactivate (default 3).
    /// Each failure already spent the bus's retries; a vanished port or a hardware alert asks at once.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>
    /// Whether each cycle reads with Fast Sync Read (default true): one reply packet for all
    /// servos. Needs X-series firmware 45 or newer; the driver falls back to Sync Read when a
    /// servo reports older firmware at <see cref="DynamixelArmDriver.Configure"/>.
    /// </summary>
    public bool UseFastSyncRead { get; set; } = true;

    /// <summary>
    /// Whether a leader arm's gripper handle (<see cref="DynamixelGripper.TriggerOpenFraction"/>)
    /// is held with torque on while the driver is configured, so it springs back like a trigger
    /// (default true). <see cref="DynamixelArmDriver.Deactivate"/> releases it until the next Configure.
    /// </summary>
    public bool HoldTrigger { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Bus, nameof(Bus));
        Bus.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConsecutiveFailures, 1, nameof(MaxConsecutiveFailures));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxConsecutiveFailures, 1000, nameof(MaxConsecutiveFailures));
    }
}
