using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>How a <see cref="DynamixelArmEmulator"/> presents its arm.</summary>
[SupportedOSPlatform("linux")]
public sealed class DynamixelArmEmulatorOptions
{
    /// <summary>The bus rate (default 1,000,000, what the arms use).</summary>
    public int BaudRate { get; set; } = 1_000_000;

    /// <summary>A stable symbolic link to create for the port, for example <c>/tmp/ttyKOCH</c>; none when null.</summary>
    public string? LinkPath { get; set; }

    /// <summary>
    /// Whether the servos start as they leave the factory (position mode, drive mode 0, no
    /// Secondary ID, 500 µs return delay), so the driver's Configure has to set them up, instead
    /// of set up for the arm (the default), as an assembled arm is.
    /// </summary>
    public bool FactoryFresh { get; set; }

    /// <summary>Return Delay Time in 2 µs counts of an arm that is set up (default 0, what LeRobot and Interbotix write).</summary>
    public byte ReturnDelayTime { get; set; }

    /// <summary>Firmware Version every servo reports (default 52; Fast Sync Read needs 45 or newer).</summary>
    public byte FirmwareVersion { get; set; } = 52;

    /// <summary>
    /// Changes each servo's set-up before the bus is created: a mounting error
    /// (<see cref="VirtualServo.ZeroOffsetRadians"/>) for calibration to find, another model or
    /// homing offset for fault tests. Null leaves them as the arm defines them.
    /// </summary>
    public Func<VirtualServo, VirtualServo>? ConfigureServo { get; set; }
}
