namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// One joint of a <see cref="DynamixelArm"/> as data: its servo (ID and model), an optional
/// shadow servo on the same joint, how the servo reading maps to the joint angle, its
/// operating mode and its nominal limits.
/// </summary>
/// <remarks>
/// <para>
/// <b>Zero convention.</b> joint angle = (Present Position − 2048) × 2π/4096 × <see cref="Direction"/>:
/// count 2048 is 0 rad, as in <see cref="ServoUnits"/>. The servo computes Present Position
/// = actual position (mirrored when <see cref="DriveMode"/> bit 0 is set) + Homing Offset, so
/// a calibration's homing offsets move the zero: LeRobot's (and RobotSdk's) calibration
/// centres each joint at the pose held while recording, usually the middle of its range.
/// Without a calibration the driver leaves the homing offsets the servos already hold
/// (0 from the factory: Trossen's arms are assembled so that 2048 is the URDF zero).
/// </para>
/// <para>
/// <b>Shadow servo.</b> WidowX and ViperX drive the shoulder and elbow with two servos mounted
/// against each other. The shadow's Secondary ID (12) holds the primary's ID and its Drive
/// Mode the opposite reverse bit, so every write to the primary's ID (goal, torque) also
/// moves the shadow, the same way. The driver reads and commands the primary only.
/// </para>
/// </remarks>
/// <param name="Name">Joint name, for example <c>shoulder_pan</c> (LeRobot's and Interbotix's names).</param>
/// <param name="Id">ID of the primary servo (0 to 252).</param>
/// <param name="Model">Model of the primary servo (and of its shadow).</param>
/// <param name="OperatingMode">Operating Mode (11) the driver configures on the joint's servos.</param>
/// <param name="Limits">Nominal limits in radians, rad/s and rad/s².</param>
public sealed record DynamixelJoint(string Name, byte Id, ServoModel Model, OperatingMode OperatingMode, JointLimits Limits)
{
    /// <summary>The bit of Drive Mode (10) that reverses the direction of rotation.</summary>
    public const byte ReverseBit = 0x01;

    /// <summary>The bit of Drive Mode (10) that makes Profile Velocity and Profile Acceleration durations in ms (time-based profile).</summary>
    public const byte TimeBasedProfileBit = 0x04;

    private readonly int _direction = 1;
    private readonly byte? _shadowId;

    /// <summary>The joint name.</summary>
    public string Name { get; init; } = string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException("A joint needs a name.", nameof(Name)) : Name;

    /// <summary>ID of the primary servo (0 to 252).</summary>
    public byte Id { get; init; } = Id <= ServoIds.MaxServoId ? Id : throw new ArgumentOutOfRangeException(nameof(Id), Id, "A servo ID is 0 to 252.");

    /// <summary>Model of the primary servo and of its shadow.</summary>
    public ServoModel Model { get; init; } = Model ?? throw new ArgumentNullException(nameof(Model));

    /// <summary>ID of the shadow servo on the same joint, or null when the joint has one servo.</summary>
    public byte? ShadowId
    {
        get => _shadowId;
        init => _shadowId = value is null or <= ServoIds.MaxServoId ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A servo ID is 0 to 252.");
    }

    /// <summary>The shadow servo's motor name in calibration files (<c>{Name}_shadow</c>, as LeRobot's ALOHA files), or null.</summary>
    public string? ShadowName => ShadowId is null ? null : Name + "_shadow";

    /// <summary>+1 when the joint angle grows with Present Position (after Drive Mode), −1 when it shrinks.</summary>
    public int Direction
    {
        get => _direction;
        init => _direction = value is 1 or -1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The direction is +1 or -1.");
    }

    /// <summary>
    /// Drive Mode (10) of the primary servo: bit 0 reverse (<see cref="ReverseBit"/>), bit 2
    /// time-based profile (<see cref="TimeBasedProfileBit"/>). The shadow runs the same value
    /// with bit 0 flipped.
    /// </summary>
    public byte DriveMode { get; init; }

    /// <summary>
    /// Whether the joint turns without end stops (LeRobot's "full turn" motors, Interbotix's
    /// continuous joints): a calibration records its range as 0 to 4095 instead of the range seen.
    /// </summary>
    public bool IsFullTurn { get; init; }

    /// <summary>A Present or Goal Position count as the joint angle, radians (see the zero convention).</summary>
    /// <param name="counts">Present Position (132) or Goal Position (116).</param>
    /// <returns>Radians.</returns>
    public double ToRadians(int counts) => (counts - ServoUnits.CentreCount) * ServoUnits.RadiansPerCount * Direction;

    /// <summary>A joint angle as the nearest Goal Position count, within the extended range ±1,048,575.</summary>
    /// <param name="radians">The angle; finite.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The angle is not finite.</exception>
    public int ToCounts(double radians)
    {
        if (!double.IsFinite(radians))
        {
            throw new ArgumentOutOfRangeException(nameof(radians), radians, "A joint angle must be finite.");
        }

        return ToCountsClamped(radians);
    }

    /// <summary>Like <see cref="ToCounts"/> for a finite angle, without the check (control thread).</summary>
    internal int ToCountsClamped(double radians)
    {
        double counts = ServoUnits.CentreCount + (radians * Direction / ServoUnits.RadiansPerCount);
        return (int)Math.Round(Math.Clamp(counts, -1_048_575, 1_048_575), MidpointRounding.AwayFromZero);
    }
}
