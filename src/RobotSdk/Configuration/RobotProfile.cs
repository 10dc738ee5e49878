using RobotSdk.Hardware;

namespace RobotSdk.Configuration;

/// <summary>
/// A robot as a JSON profile describes it: which driver and arm model, where it is
/// connected, and its rate and safety settings. Bound through the Options pattern; unknown
/// keys are errors, so a typo cannot silently drop a safety setting.
/// </summary>
/// <example>
/// <code>
/// { "Robots": { "arm": { "Driver": "mirror", "Arm": "demo-arm", "ControlRateHz": 200,
///   "Safety": { "MaxStepRadians": 0.05, "Workspace": { "Min": [-0.4, -0.4, 0.0], "Max": [0.4, 0.4, 0.5] } } } } }
/// </code>
/// </example>
public sealed class RobotProfile : RobotOptions
{
    /// <summary>Driver name, for example <c>mirror</c>.</summary>
    public string? Driver { get; set; }

    /// <summary>Arm model name, for example <c>demo-arm</c>.</summary>
    public string? Arm { get; set; }

    /// <summary>Transport address for hardware drivers: a serial port path, <c>can0</c>, or <c>host:port</c>.</summary>
    public string? Port { get; set; }

    /// <summary>Serial or CAN bit rate, where the driver needs one.</summary>
    public int? BaudRate { get; set; }

    /// <summary>
    /// How long the driver waits for each reply, in milliseconds, where the link answers requests
    /// (servo buses, the myCobot, the Lite 6); the driver's default when null. Raise it for a slow
    /// USB adapter (an FTDI chip's 16 ms latency timer) or an arm emulated by another process.
    /// </summary>
    public int? ReplyTimeoutMs { get; set; }

    /// <summary>Control cycles in a row whose transaction may fail before the driver faults and turns torque off; the driver's default (3) when null.</summary>
    public int? MaxConsecutiveFailures { get; set; }

    /// <summary>Servo calibration file (RobotSdk format) for servo-bus arms, relative to the working directory; none when null.</summary>
    public string? CalibrationFile { get; set; }

    /// <summary>Settings of the mirror driver.</summary>
    public MirrorDriverOptions Mirror { get; set; } = new();
}
