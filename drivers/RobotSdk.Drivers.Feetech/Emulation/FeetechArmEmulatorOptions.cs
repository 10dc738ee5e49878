using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>How a <see cref="FeetechArmEmulator"/> sets up its virtual servos.</summary>
[SupportedOSPlatform("linux")]
public sealed class FeetechArmEmulatorOptions
{
    /// <summary>A symbolic link to create to the pty (for example <c>/tmp/ttySO101</c>), or null; overrides <see cref="Servos"/>' link.</summary>
    public string? LinkPath { get; set; }

    /// <summary>Baud rate, timing, firmware and reported values of the virtual servos; defaults when null. Copied, never changed.</summary>
    public FeetechEmulatorOptions? Servos { get; set; }

    /// <summary>
    /// Per motor name: where the joint's zero sits on the servo's encoder, radians (a horn mounted a
    /// few teeth off), so calibration has something to find. Unlisted motors have none.
    /// </summary>
    public Dictionary<string, double> ZeroOffsetsRadians { get; } = new(StringComparer.Ordinal);

    /// <summary>Per motor name: the model number the servo reports instead of its arm's servo model (a wrong servo on the bus).</summary>
    public Dictionary<string, int> ModelNumbers { get; } = new(StringComparer.Ordinal);
}
