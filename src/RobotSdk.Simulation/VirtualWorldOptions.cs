namespace RobotSdk.Simulation;

/// <summary>How a <see cref="VirtualWorld"/> starts and keeps time.</summary>
public sealed class VirtualWorldOptions
{
    /// <summary>
    /// Seeds the placement of the free bodies (the cubes): each is moved by up to
    /// <see cref="ObjectJitterMeters"/> in x and y and turned about z by a random angle. Null keeps the
    /// MJCF's placement. The same seed gives the same world, and, stepped manually with the same
    /// commands, bit-identical runs.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>Largest seeded displacement of a free body in x and y, metres (default 0.01).</summary>
    public double ObjectJitterMeters { get; set; } = 0.01;

    /// <summary>Where the backend's joints start, radians, one per joint (clamped into their ranges); when null, the MJCF's zero pose (or the world's rest pose, for <see cref="VirtualWorld.CreateSo101"/>).</summary>
    public IReadOnlyList<double>? InitialPositions { get; set; }

    /// <summary>
    /// Imprecision injected on purpose (zero offsets, link-length errors, backlash, encoder noise,
    /// camera pose errors), seeded by its own <see cref="ArmImprecision.Seed"/>; null (default) = a
    /// perfect arm. Gravity sag is always there: it comes from the physics (load / servo Kp). Link and
    /// camera errors need the MJCF text, so only <see cref="VirtualWorld.Create"/> accepts them; what was
    /// drawn is <see cref="VirtualWorld.GroundTruth"/>.
    /// </summary>
    public ArmImprecision? Imprecision { get; set; }

    /// <summary>When set, the servo of every backend joint, instead of each joint's own (<see cref="SimulatedJoint.Servo"/>, else <see cref="ServoMotorModel.Sts3215"/>); default null.</summary>
    public ServoMotorModel? Servo { get; set; }

    /// <summary>
    /// Running in real time: a step that runs this much later than its wall-clock due time counts as
    /// late (default 10 ms).
    /// </summary>
    public TimeSpan LateStepThreshold { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Running in real time: when the simulation falls further behind the wall clock than this, it
    /// gives the backlog up (simulated time then runs slower than wall time, and the dropped time is
    /// reported) instead of racing to catch up (default 100 ms).
    /// </summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromMilliseconds(100);
}
