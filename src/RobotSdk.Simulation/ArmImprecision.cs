using System.Globalization;

namespace RobotSdk.Simulation;

/// <summary>
/// Imprecision injected on purpose into a virtual arm (<see cref="VirtualWorldOptions.Imprecision"/>),
/// so that calibration has real work to do: servo zero offsets, link-length errors, gear backlash,
/// encoder noise, and cameras that are not where the MJCF says. Every figure defaults to zero
/// (a perfect arm, the built-in world unchanged). What was drawn is the world's
/// <see cref="VirtualWorld.GroundTruth"/>, for tests and reports only.
/// </summary>
/// <remarks>
/// <para>
/// Draws: <see cref="Seed"/> alone decides every draw, each effect from its own stream, so the same
/// seed gives the same truth whatever else is set. Zero offsets and link-length errors are uniform
/// in [-max, +max]; camera errors have exactly the set size, in a uniformly random direction (position)
/// and about a uniformly random axis (orientation).
/// </para>
/// <para>
/// Gravity sag needs no option: the physics already gives it. A servo holds a load with an error of
/// load torque / Kp (<see cref="ServoMotorModel.PositionGain"/>; about 0.2 degrees on the SO-101
/// shoulder), so the arm droops by an amount that depends on the pose, as a real one does.
/// </para>
/// <para>
/// Backlash and noise apply to hinge joints only (figures in degrees); slide joints (a jaw in metres)
/// get none. Intrinsics are never perturbed (<see cref="SimulatedCamera.Intrinsics"/> stays exact).
/// </para>
/// </remarks>
public sealed class ArmImprecision
{
    /// <summary>Seeds every draw; the same seed and figures give the same <see cref="ImprecisionTruth"/> and, stepped by hand, bit-identical runs.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Largest servo zero offset, degrees, per hinge joint (uniform in +-this). The servo reports
    /// encoder = device position + offset and closes its loop on that reading, so for a goal g the
    /// joint physically stops at g - offset while reporting g. Range [0, 45]; default 0.
    /// </summary>
    public double MaxJointZeroOffsetDegrees { get; set; }

    /// <summary>
    /// Largest link-length error, millimetres (uniform in +-this): each body frame offset (<c>pos</c>)
    /// along the arm's chain, from the first joint's body to the last joint's body (the links between
    /// joints, which assembly gets wrong), is lengthened or shortened along its own direction. The tool
    /// frame's offset on the last link has its own figure, <see cref="MaxToolOffsetErrorMillimeters"/>.
    /// Range [0, 50]; default 0.
    /// </summary>
    public double MaxLinkLengthErrorMillimeters { get; set; }

    /// <summary>
    /// Largest error of the tool frame's offset on the last link, millimetres (uniform in +-this,
    /// along the offset's direction): a jaw made longer or shorter than its drawing. It moves the tool
    /// point rigidly with the gripper, tag included, so no camera watching a gripper tag can observe it
    /// (calibration reports it as not observable and holds it at nominal; the tool error after
    /// calibration then contains it one to one). Not part of <see cref="Typical"/>. Range [0, 50]; default 0.
    /// </summary>
    public double MaxToolOffsetErrorMillimeters { get; set; }

    /// <summary>
    /// Gear backlash (the whole play, not half), degrees, every hinge joint. The encoder is on the motor
    /// side; the link sits up to half the play either side of it (see <see cref="MujocoJointBackend"/>).
    /// Range [0, 10]; default 0.
    /// </summary>
    public double BacklashDegrees { get; set; }

    /// <summary>
    /// Standard deviation of Gaussian noise on every reported present position, degrees, every hinge
    /// joint (a fresh sample each physics step; the servo's own loop does not see it). Range [0, 5]; default 0.
    /// </summary>
    public double EncoderNoiseDegrees { get; set; }

    /// <summary>
    /// Largest distance, millimetres, between each AprilTag on the arm (a site <c>apriltag_tag36h11_&lt;id&gt;</c>
    /// below the first joint's body) and where the MJCF puts it: a printed holder is never exactly its
    /// drawing. Each tag slides by a distance uniform in [0, this] in a uniformly random direction of its
    /// own plane (a holder sits flat on the surface it is fixed to, so the tag never sinks into it), so
    /// calibration given the drawing as a prior never gets the truth. Range [0, 20]; default 0.
    /// </summary>
    public double MaxTagMountPositionErrorMillimeters { get; set; }

    /// <summary>
    /// Largest angle, degrees, each AprilTag on the arm is turned from its MJCF orientation, about its own
    /// normal (uniform in +-this; flat on its surface, as above). Range [0, 20]; default 0.
    /// </summary>
    public double MaxTagMountRotationErrorDegrees { get; set; }

    /// <summary>How far each scene camera (one fixed in the world, not on the arm) is from its MJCF position, millimetres (exactly). Range [0, 500]; default 0.</summary>
    public double SceneCameraPositionErrorMillimeters { get; set; }

    /// <summary>How far each scene camera is turned from its MJCF orientation, degrees (exactly, about a random axis through the camera). Range [0, 90]; default 0.</summary>
    public double SceneCameraRotationErrorDegrees { get; set; }

    /// <summary>How far each camera carried by the arm (the wrist camera) is from its MJCF mount position, millimetres (exactly). Range [0, 500]; default 0.</summary>
    public double WristCameraPositionErrorMillimeters { get; set; }

    /// <summary>How far each camera carried by the arm is turned from its MJCF mount orientation, degrees (exactly). Range [0, 90]; default 0.</summary>
    public double WristCameraRotationErrorDegrees { get; set; }

    /// <summary>
    /// A cheap arm as it comes out of the box, for calibration to correct (REFERENCE figures): servo
    /// zero offsets up to 3 degrees, link lengths up to 2 mm off, 0.25 degrees of backlash, 0.05
    /// degrees of encoder noise (about half an STS3215 count), a scene camera 20 mm and 3 degrees
    /// from where it was measured to be, a wrist camera mount 3 mm and 2 degrees off, the gripper tag up
    /// to 0.5 mm and 1 degree from its holder's drawing.
    /// </summary>
    /// <param name="seed">Seeds every draw.</param>
    public static ArmImprecision Typical(int seed) => new()
    {
        Seed = seed,
        MaxJointZeroOffsetDegrees = 3,
        MaxLinkLengthErrorMillimeters = 2,
        BacklashDegrees = 0.25,
        EncoderNoiseDegrees = 0.05,
        SceneCameraPositionErrorMillimeters = 20,
        SceneCameraRotationErrorDegrees = 3,
        WristCameraPositionErrorMillimeters = 3,
        WristCameraRotationErrorDegrees = 2,
        MaxTagMountPositionErrorMillimeters = 0.5,
        MaxTagMountRotationErrorDegrees = 1,
    };

    /// <summary>Whether any figure is non-zero.</summary>
    public bool IsAny =>
        MaxJointZeroOffsetDegrees > 0 || MaxLinkLengthErrorMillimeters > 0 || MaxToolOffsetErrorMillimeters > 0 || BacklashDegrees > 0 || EncoderNoiseDegrees > 0
        || HasCameraErrors || HasTagMountErrors;

    /// <summary>Whether a tag-mount error is non-zero.</summary>
    public bool HasTagMountErrors => MaxTagMountPositionErrorMillimeters > 0 || MaxTagMountRotationErrorDegrees > 0;

    /// <summary>Whether any camera error is non-zero.</summary>
    public bool HasCameraErrors =>
        SceneCameraPositionErrorMillimeters > 0 || SceneCameraRotationErrorDegrees > 0
        || WristCameraPositionErrorMillimeters > 0 || WristCameraRotationErrorDegrees > 0;

    /// <summary>Checks every figure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A figure is negative, not finite or beyond its range; the message names it.</exception>
    public void Validate()
    {
        Check(MaxJointZeroOffsetDegrees, 45, nameof(MaxJointZeroOffsetDegrees));
        Check(MaxLinkLengthErrorMillimeters, 50, nameof(MaxLinkLengthErrorMillimeters));
        Check(MaxToolOffsetErrorMillimeters, 50, nameof(MaxToolOffsetErrorMillimeters));
        Check(BacklashDegrees, 10, nameof(BacklashDegrees));
        Check(EncoderNoiseDegrees, 5, nameof(EncoderNoiseDegrees));
        Check(SceneCameraPositionErrorMillimeters, 500, nameof(SceneCameraPositionErrorMillimeters));
        Check(SceneCameraRotationErrorDegrees, 90, nameof(SceneCameraRotationErrorDegrees));
        Check(WristCameraPositionErrorMillimeters, 500, nameof(WristCameraPositionErrorMillimeters));
        Check(WristCameraRotationErrorDegrees, 90, nameof(WristCameraRotationErrorDegrees));
        Check(MaxTagMountPositionErrorMillimeters, 20, nameof(MaxTagMountPositionErrorMillimeters));
        Check(MaxTagMountRotationErrorDegrees, 20, nameof(MaxTagMountRotationErrorDegrees));
    }

    internal ArmImprecision Clone() => (ArmImprecision)MemberwiseClone();

    private static void Check(double value, double maximum, string name)
    {
        if (!(value >= 0 && value <= maximum))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be in [0, {maximum}]; it is {value}."));
        }
    }
}
