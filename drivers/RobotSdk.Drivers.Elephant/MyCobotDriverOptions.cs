using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Elephant;

/// <summary>How a <see cref="MyCobotDriver"/> drives the arm.</summary>
public sealed class MyCobotDriverOptions
{
    /// <summary>Baud rate (115200), retries (2) and reply timeout (100 ms) of the link.</summary>
    public MyCobotBusOptions Bus { get; set; } = new();

    /// <summary>
    /// Speed of every Send Angles, 1 to 100 percent of the firmware's top speed (default 100). The
    /// robot's safety layer already limits the streamed goals' velocity and acceleration; a lower
    /// speed makes the firmware lag behind the stream.
    /// </summary>
    public int Speed { get; set; } = 100;

    /// <summary>Speed of every Set Gripper Value, 0 to 100 (default 100).</summary>
    public int GripperSpeed { get; set; } = 100;

    /// <summary>Whether a gripper is mounted (default true). Without one the description has six joints and the gripper is never asked.</summary>
    public bool HasGripper { get; set; } = true;

    /// <summary>
    /// The gripper's opening at value 100 in metres, when measured; null (default) makes the gripper
    /// joint a fraction of its stroke (0 closed, 1 open). See <see cref="MyCobot280.CreateDescription"/>.
    /// </summary>
    public double? GripperStrokeMeters { get; set; }

    /// <summary>
    /// Read reads the gripper every this many calls (default 10), and the joints every call. Each
    /// query costs the firmware's reply time (20 ms or more), so reading the gripper every cycle would
    /// halve the control rate; between reads the gripper keeps its last value.
    /// </summary>
    public int GripperReadInterval { get; set; } = 10;

    /// <summary>
    /// Whether Activate puts the firmware in refresh mode (Set Refresh Mode 1, default true), so a
    /// new goal replaces the one in progress instead of queueing behind it, as streaming needs.
    /// </summary>
    public bool UseRefreshMode { get; set; } = true;

    /// <summary>
    /// How long Configure keeps asking whether the arm is powered before it gives up, milliseconds
    /// (default 3000). pymycobot waits 1.5 s after opening the port, since opening it may restart
    /// the M5 base.
    /// </summary>
    public int ConnectTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// Transient failures in a row (timeouts or damaged replies, each after the link's own retries)
    /// after which Read and Write return <see cref="DriverStatus.MustDeactivate"/> (default 3, at least
    /// 1). A successful read ends the run.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>
    /// The highest control rate a robot may run this driver at, Hz (default
    /// <see cref="MyCobot280.MaxControlRateHz"/>, 15). Firmware that answers faster can raise it:
    /// measure a cycle with <c>robot bench bus</c> first.
    /// </summary>
    public double MaxControlRateHz { get; set; } = MyCobot280.MaxControlRateHz;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> for an invalid value.</summary>
    public void Validate()
    {
        if (Bus is null)
        {
            throw new ArgumentException("Bus options are required.", nameof(Bus));
        }

        Bus.Validate();
        if (MaxControlRateHz is not (> 0 and <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxControlRateHz), MaxControlRateHz, "MaxControlRateHz must be above 0 and at most 1000.");
        }

        if (Speed is < MyCobotProtocol.MinJointSpeed or > MyCobotProtocol.MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "Speed ranges from 1 to 100.");
        }

        if (GripperSpeed is < 0 or > MyCobotProtocol.MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(nameof(GripperSpeed), GripperSpeed, "GripperSpeed ranges from 0 to 100.");
        }

        if (GripperStrokeMeters is { } stroke && !(stroke > 0 && stroke < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(GripperStrokeMeters), stroke, "GripperStrokeMeters must be above 0 and below 1.");
        }

        if (GripperReadInterval is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(GripperReadInterval), GripperReadInterval, "GripperReadInterval ranges from 1 to 10000.");
        }

        if (ConnectTimeoutMs is < 1 or > 60_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeoutMs), ConnectTimeoutMs, "ConnectTimeoutMs ranges from 1 to 60000.");
        }

        if (MaxConsecutiveFailures is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveFailures), MaxConsecutiveFailures, "MaxConsecutiveFailures ranges from 1 to 1000.");
        }
    }

    /// <summary>A copy (with its own bus options), so a caller's instance is never changed behind its back.</summary>
    internal MyCobotDriverOptions Copy()
    {
        var copy = (MyCobotDriverOptions)MemberwiseClone();
        copy.Bus = Bus?.Copy()!;
        return copy;
    }
}
