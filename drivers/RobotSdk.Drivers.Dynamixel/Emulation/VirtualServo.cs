using System.Runtime.Versioning;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>
/// How one virtual servo of a <see cref="DynamixelEmulator"/> is set up: its ID and model,
/// the joint of the <see cref="Hardware.IJointBackend"/> it drives, how it is mounted on that
/// joint, and the control-table values that differ from the factory.
/// </summary>
/// <remarks>
/// Mounting: the motor shaft angle is <c>DirectionSign × joint + ZeroOffsetRadians</c>; the
/// servo reports it as counts around 2048 (see <see cref="ServoUnits"/>), mirrored when
/// Drive Mode bit 0 (reverse) is set, plus Homing Offset. A shadow servo mounted opposite its
/// primary on the same joint has <see cref="DirectionSign"/> −1, reverse Drive Mode and the
/// primary's ID as <see cref="SecondaryId"/>, so one write moves both the same way.
/// </remarks>
/// <param name="Id">The servo's ID (0 to 252).</param>
/// <param name="Model">Its model; sets the control table and its factory values.</param>
/// <param name="JointIndex">The backend joint it moves.</param>
[SupportedOSPlatform("linux")]
public sealed record VirtualServo(byte Id, ServoModel Model, int JointIndex)
{
    private readonly int _directionSign = 1;

    /// <summary>The servo's ID (0 to 252).</summary>
    public byte Id { get; init; } = Id <= ServoIds.MaxServoId ? Id : throw new ArgumentOutOfRangeException(nameof(Id), Id, "A servo ID is 0 to 252.");

    /// <summary>The servo's model.</summary>
    public ServoModel Model { get; init; } = Model ?? throw new ArgumentNullException(nameof(Model));

    /// <summary>The backend joint it moves (0 or more).</summary>
    public int JointIndex { get; init; } = JointIndex >= 0 ? JointIndex : throw new ArgumentOutOfRangeException(nameof(JointIndex), JointIndex, "A joint index is 0 or more.");

    /// <summary>+1 when the motor turns with the joint, −1 when mounted the other way round.</summary>
    public int DirectionSign
    {
        get => _directionSign;
        init => _directionSign = value is 1 or -1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The direction sign is +1 or -1.");
    }

    /// <summary>Motor angle, radians, when the joint is at 0: the mounting error calibration must find.</summary>
    public double ZeroOffsetRadians { get; init; }

    /// <summary>Return Delay Time in 2 µs counts (factory 250, that is 500 µs; arms usually set 0).</summary>
    public byte ReturnDelayTime { get; init; } = 250;

    /// <summary>Secondary (Shadow) ID; 255 (factory) for none.</summary>
    public byte SecondaryId { get; init; } = 255;

    /// <summary>Drive Mode (bit 0 reverse direction, bit 2 time-based profile).</summary>
    public byte DriveMode { get; init; }

    /// <summary>Operating Mode at power-up (factory: position).</summary>
    public OperatingMode OperatingMode { get; init; } = OperatingMode.Position;

    /// <summary>Homing Offset, counts.</summary>
    public int HomingOffset { get; init; }

    /// <summary>Firmware Version reported by Ping.</summary>
    public byte FirmwareVersion { get; init; } = 52;

    /// <summary>Baud Rate item (0 = 9600, 1 = 57600, 2 = 115200, 3 = 1M, 4 = 2M, 5 = 3M, 6 = 4M); null to match the emulator's baud rate.</summary>
    public byte? BaudRateIndex { get; init; }
}
