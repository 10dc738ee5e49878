using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Procedure;

/// <summary>Settings of <see cref="CalibrationPoseGenerator"/>; lengths in metres, in the chain's world (table) frame.</summary>
public sealed record CalibrationPoseGeneratorOptions
{
    /// <summary>Seeds the draws: the same seed, chain and settings give the same poses.</summary>
    public int Seed { get; init; }

    /// <summary>Poses for identification (default 60).</summary>
    public int CalibrationCount { get; init; } = 60;

    /// <summary>Further poses kept out of identification to score it (default 15).</summary>
    public int HeldOutCount { get; init; } = 15;

    /// <summary>
    /// Fraction of each joint's range kept clear at both ends (default 0.1), so that
    /// <see cref="Identification.ApproachSequence"/> can always approach a pose from its pre-pose side.
    /// </summary>
    public double LimitMarginFraction { get; init; } = 0.1;

    /// <summary>Height of the table top in the chain's world frame (default 0: the base stands on it).</summary>
    public double TableHeightMeters { get; init; }

    /// <summary>Lowest tool point above the table (default 0.05).</summary>
    public double MinimumToolHeightMeters { get; init; } = 0.05;

    /// <summary>Lowest joint frame origin above the table (default 0.02): a coarse guard against driving a link into it.</summary>
    public double MinimumFrameHeightMeters { get; init; } = 0.02;

    /// <summary>Nominal pose of a fixed camera (optical frame, x right, y down, z forward) in the chain's world frame; null skips the view tests.</summary>
    public Pose? NominalCameraPose { get; init; }

    /// <summary>The camera's intrinsics: with <see cref="NominalCameraPose"/>, the tool point must project this many pixels inside the image (<see cref="ImageMarginPixels"/>).</summary>
    public CameraIntrinsics? Intrinsics { get; init; }

    /// <summary>Pixels kept clear at the image border (default 60: a nominal camera 3 degrees off moves the image by about 30 px at 0.6 m).</summary>
    public double ImageMarginPixels { get; init; } = 60;

    /// <summary>
    /// A guess of the tag's outward normal (towards a viewer) in the tool frame, from a drawing or a
    /// first hand-eye estimate; null skips the facing test.
    /// </summary>
    public Vector3D? TagNormalInTool { get; init; }

    /// <summary>Largest angle between <see cref="TagNormalInTool"/> and the direction to the camera (default 55 degrees; libapriltag loses tags seen more obliquely than about 70).</summary>
    public double MaximumViewAngleDegrees { get; init; } = 55;

    /// <summary>Smallest joint-space distance (Euclidean, radians) between two accepted poses (default 0.2), for diversity.</summary>
    public double MinimumSeparationRadians { get; init; } = 0.2;

    /// <summary>
    /// The pre-pose offsets the poses will be approached with (<see cref="Identification.ApproachSequence"/>,
    /// pre-pose = pose + offset), or null (default) for no gravity test. When set, a pose is kept only if
    /// gravity pulls no joint's distal links away from its pre-pose side by more than
    /// <see cref="GravityToleranceMeters"/>: a gravity-loaded link rests on the load side of its backlash
    /// whatever the approach, so with this test every link rests on the flank its approach pushed it to,
    /// at every pose, and the backlash becomes a constant that the zero offsets absorb.
    /// </summary>
    public IReadOnlyList<double>? ApproachOffsets { get; init; }

    /// <summary>
    /// Gravity's pull is judged by the mean moment arm, metres, of the midpoints of the links a joint
    /// carries (frame origin to frame origin, up to the tool point; masses are not known), about the
    /// joint's axis; a pull against the approach side is tolerated up to this arm (default 0.005), too
    /// weak to beat the gear friction of these servos.
    /// </summary>
    public double GravityToleranceMeters { get; init; } = 0.005;

    /// <summary>Random configurations tried before giving up (default 200000).</summary>
    public int MaximumAttempts { get; init; } = 200_000;
}
