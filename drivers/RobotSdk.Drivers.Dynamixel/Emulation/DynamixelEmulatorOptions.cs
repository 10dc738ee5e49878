using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>How a <see cref="DynamixelEmulator"/> presents itself.</summary>
[SupportedOSPlatform("linux")]
public sealed class DynamixelEmulatorOptions
{
    /// <summary>
    /// The bus rate (default 1,000,000): the servos' Baud Rate item unless a servo sets its own,
    /// and the rate used for wire timing when the client's pty rate cannot be read.
    /// </summary>
    public int BaudRate { get; set; } = 1_000_000;

    /// <summary>A stable symbolic link to create for the port, for example <c>/tmp/ttyDXL0</c>; none when null.</summary>
    public string? LinkPath { get; set; }
}
