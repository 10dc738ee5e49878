namespace RobotSdk.Drivers.AgileX;

/// <summary>How a <see cref="PiperDriver"/> talks to the arm.</summary>
public sealed class PiperDriverOptions
{
    /// <summary>The CAN bitrate, bit/s (default 1000000, the PiPER's only rate).</summary>
    public int Bitrate { get; set; } = 1_000_000;

    /// <summary>
    /// The arm's own MOVE J speed, percent of its maximum (default 50, piper_sdk's
    /// <c>MotionCtrl_2</c> default), sent with motion control (0x151) on Activate. The joints'
    /// speed limits in the description scale with it, so the SDK never asks for more than the arm
    /// will do. 1 to 100.
    /// </summary>
    public int SpeedPercent { get; set; } = 50;

    /// <summary>How long Configure waits for the arm's feedback, ms (default 1000; the arm sends it at 200 Hz).</summary>
    public int ConnectTimeoutMs { get; set; } = 1000;

    /// <summary>How long Activate waits for the arm to report CAN control and its motors enabled, ms (default 3000).</summary>
    public int EnableTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// How old the newest joint or gripper feedback may be before Read reports it stale, ms
    /// (default 100: 20 feedback periods at 200 Hz).
    /// </summary>
    public int FeedbackTimeoutMs { get; set; } = 100;

    /// <summary>
    /// Failed cycles in a row (stale feedback, frames the adapter refused, a send that timed out)
    /// after which Read and Write return MustDeactivate (default 3). A good Read ends the run.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>The gripper's effort, N·m, 0 to 5 (default 1, as piper_ros sends it).</summary>
    public double GripperEffortNewtonMeters { get; set; } = 1.0;

    /// <summary>
    /// Write sends the gripper command (0x159) when its goal changes, and repeats an unchanged one
    /// at this period, ms (default 100), so a lost frame is made good without loading the bus.
    /// </summary>
    public int GripperRefreshMs { get; set; } = 100;

    /// <summary>The most frames one Read takes from the bus (default 256), so a flood cannot hold up the control loop.</summary>
    public int MaxFramesPerRead { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Bitrate, nameof(Bitrate));
        if (SpeedPercent is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(SpeedPercent), SpeedPercent, "SpeedPercent ranges from 1 to 100.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ConnectTimeoutMs, nameof(ConnectTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EnableTimeoutMs, nameof(EnableTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FeedbackTimeoutMs, nameof(FeedbackTimeoutMs));
        if (MaxConsecutiveFailures is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveFailures), MaxConsecutiveFailures, "MaxConsecutiveFailures ranges from 1 to 1000.");
        }

        if (!(GripperEffortNewtonMeters >= 0 && GripperEffortNewtonMeters <= GripperCommand.MaxEffortNewtonMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(GripperEffortNewtonMeters), GripperEffortNewtonMeters, "The gripper effort ranges from 0 to 5 N·m.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(GripperRefreshMs, nameof(GripperRefreshMs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFramesPerRead, nameof(MaxFramesPerRead));
    }

    /// <summary>A copy, so a driver never sees later changes.</summary>
    internal PiperDriverOptions Copy() => (PiperDriverOptions)MemberwiseClone();
}
