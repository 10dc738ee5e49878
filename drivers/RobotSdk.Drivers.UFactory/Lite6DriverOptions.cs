using RobotSdk.Hardware;

namespace RobotSdk.Drivers.UFactory;

/// <summary>How a <see cref="Lite6Driver"/> talks to the Lite 6 controller.</summary>
public sealed class Lite6DriverOptions
{
    /// <summary>
    /// How long a control-cycle exchange (read the joints, servo-j, gripper, stop) waits for its reply,
    /// milliseconds (default 50). The controller usually answers within a few milliseconds on a
    /// direct link; a reply later than this counts as a timeout and is dropped by its transaction ID
    /// when it comes.
    /// </summary>
    public int ReplyTimeoutMs { get; set; } = 50;

    /// <summary>
    /// How long a configuration command (version, state, mode, error codes) waits for its reply,
    /// milliseconds (default 2000, the SDK's <c>XCONF.UxbusConf</c> set and get timeouts). Motion
    /// enable waits at least 5000 ms, as the SDK's <c>motion_en</c> does.
    /// </summary>
    public int CommandTimeoutMs { get; set; } = 2000;

    /// <summary>How long connecting may take, milliseconds (default 3000).</summary>
    public int ConnectTimeoutMs { get; set; } = 3000;

    /// <summary>How long Activate waits for the controller to report itself ready after state 0 is set, milliseconds (default 3000).</summary>
    public int ActivationTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// Transient failures in a row, reads and writes alike (timeouts, malformed replies, "not ready"
    /// while active), after which Read and Write return <see cref="DriverStatus.MustDeactivate"/>
    /// (default 3, at least 1): a silent controller faults on the second cycle's read. A successful
    /// read ends the run.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>
    /// When the connection was lost while the arm was active, how long Deactivate may spend opening a
    /// fresh connection just to send "stop" (state 4), milliseconds (default 200; 0 disables). This
    /// blocks the control thread on the fault path only.
    /// </summary>
    public int StopReconnectTimeoutMs { get; set; } = 200;

    /// <summary>
    /// Whether Deactivate also disables the motors (motion enable off) after stopping (default false).
    /// Leave it off unless the arm is supported: with motors disabled the joints hold only by their
    /// brakes, if any.
    /// </summary>
    public bool DisableMotorsOnDeactivate { get; set; }

    /// <summary>
    /// Whether Read asks for the measured joint states (function 42 with count 2: positions and
    /// velocities, as the SDK's <c>get_joint_states</c>, firmware 1.9.0 or later) instead of the plain
    /// joint positions (function 42 without payload, as the SDK's <c>get_servo_angle</c>), default false.
    /// The SDK's <c>get_servo_angle(is_real=True)</c> suggests the plain form may report the commanded
    /// rather than the measured angles; which one a real controller returns is not verified here.
    /// </summary>
    public bool ReadMeasuredJointStates { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ThrowUnlessWithin(ReplyTimeoutMs, 1, 60_000, nameof(ReplyTimeoutMs));
        ThrowUnlessWithin(CommandTimeoutMs, 1, 60_000, nameof(CommandTimeoutMs));
        ThrowUnlessWithin(ConnectTimeoutMs, 1, 60_000, nameof(ConnectTimeoutMs));
        ThrowUnlessWithin(ActivationTimeoutMs, 0, 60_000, nameof(ActivationTimeoutMs));
        ThrowUnlessWithin(MaxConsecutiveFailures, 1, 1000, nameof(MaxConsecutiveFailures));
        ThrowUnlessWithin(StopReconnectTimeoutMs, 0, 10_000, nameof(StopReconnectTimeoutMs));
    }

    private static void ThrowUnlessWithin(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, FormattableString.Invariant($"{name} ranges from {min} to {max}."));
        }
    }
}
