using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech;

/// <summary>How a <see cref="FeetechArmDriver"/> talks to its arm.</summary>
public sealed class FeetechArmDriverOptions
{
    /// <summary>Baud rate (default 1000000), retries (default 2) and reply timeout (default 20 ms) of the bus.</summary>
    public FeetechBusOptions Bus { get; set; } = new();

    /// <summary>
    /// The arm's servo calibration (homing offsets and ranges), or null. When given, it must fit the
    /// arm (<see cref="FeetechArm.EnsureCalibrationFits"/>); Configure writes its homing offsets and
    /// ranges (as angle limits) into servos that hold other values, and the joint limits become the
    /// recorded ranges. When null, the servos are used as they are (see <see cref="FeetechArmDriver"/>).
    /// </summary>
    public ServoCalibration? Calibration { get; set; }

    /// <summary>Where <see cref="Calibration"/> came from (its file path), for error messages; "the calibration" when null.</summary>
    public string? CalibrationSource { get; set; }

    /// <summary>
    /// Transient failures in a row (timeouts or corrupt replies, each after the bus's own retries)
    /// after which Read and Write return <see cref="DriverStatus.MustDeactivate"/> (default 3, at
    /// least 1). A successful read ends the run.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        if (Bus is null)
        {
            throw new ArgumentException("Bus options are required.", nameof(Bus));
        }

        Bus.Validate();
        if (MaxConsecutiveFailures is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveFailures), MaxConsecutiveFailures, "MaxConsecutiveFailures ranges from 1 to 1000.");
        }
    }
}
