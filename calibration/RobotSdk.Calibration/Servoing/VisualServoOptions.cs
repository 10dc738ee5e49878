using System.Globalization;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Servoing;

/// <summary>Settings of a <see cref="PositionBasedVisualServo"/> run, checked when it starts.</summary>
public sealed record VisualServoOptions
{
    /// <summary>
    /// The camera's optical frame in the chain's world frame (calibrated, or nominal): only its
    /// rotation is used, to turn camera-frame errors into world-frame corrections, so a few degrees
    /// of error in it slow the loop slightly and do not bias where it ends.
    /// </summary>
    public required Pose CameraPose { get; init; }

    /// <summary>The gain schedule; default <see cref="AdaptiveGain.Default"/>.</summary>
    public AdaptiveGain Gain { get; init; } = AdaptiveGain.Default;

    /// <summary>Converged when the measured translation error is below this, metres (default 0.5 mm).</summary>
    public double TranslationToleranceMetres { get; init; } = 0.0005;

    /// <summary>Converged when the measured rotation error is also below this, radians (default 0.5 degrees).</summary>
    public double RotationToleranceRadians { get; init; } = 0.5 * Math.PI / 180;

    /// <summary>Most corrections to command before stopping with <see cref="VisualServoStopReason.MaxIterations"/> (default 20).</summary>
    public int MaxIterations { get; init; } = 20;

    /// <summary>
    /// Stop with <see cref="VisualServoStopReason.Diverged"/> when the error (each part relative to its
    /// tolerance, the larger of the two) grew this many iterations in a row, each time to more than twice
    /// the tolerance (smaller wobbles near the goal are measurement noise). Default 3; 2 or more.
    /// </summary>
    public int DivergenceIterations { get; init; } = 3;

    /// <summary>Largest translation commanded in one correction, metres (default 30 mm): a wild measurement cannot throw the arm.</summary>
    public double MaximumTranslationStepMetres { get; init; } = 0.03;

    /// <summary>Largest rotation commanded in one correction, radians (default 0.2, about 11 degrees).</summary>
    public double MaximumRotationStepRadians { get; init; } = 0.2;

    /// <summary>
    /// Inverse kinematics of each corrected pose, from the last solution: by default orientation counts
    /// (0.1 m per radian) and there are no restarts, so the arm never jumps to another branch mid-approach.
    /// </summary>
    public InverseKinematicsOptions InverseKinematics { get; init; } = new() { OrientationWeight = 0.1, Restarts = 0 };

    /// <summary>
    /// A corrected pose whose inverse kinematics leaves more position error than this, metres, is
    /// unreachable (default 2 mm). Smaller residuals are accepted (a 5-joint arm cannot turn about every
    /// axis) and the commanded pose becomes the one the solution reaches, so unreachable parts do not accumulate.
    /// </summary>
    public double MaximumInverseKinematicsErrorMetres { get; init; } = 0.002;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A figure is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Gain);
        ArgumentNullException.ThrowIfNull(InverseKinematics);
        Gain.Validate();
        Positive(TranslationToleranceMetres, nameof(TranslationToleranceMetres));
        Positive(RotationToleranceRadians, nameof(RotationToleranceRadians));
        Positive(MaximumTranslationStepMetres, nameof(MaximumTranslationStepMetres));
        Positive(MaximumRotationStepRadians, nameof(MaximumRotationStepRadians));
        Positive(MaximumInverseKinematicsErrorMetres, nameof(MaximumInverseKinematicsErrorMetres));
        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, $"MaxIterations must be 1 or more; it is {MaxIterations}.");
        }

        if (DivergenceIterations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(DivergenceIterations), DivergenceIterations, $"DivergenceIterations must be 2 or more; it is {DivergenceIterations}.");
        }

        Rotation q = CameraPose.Orientation;
        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        if (!(Math.Abs(norm - 1) < 1e-6))
        {
            throw new ArgumentOutOfRangeException(nameof(CameraPose), norm, string.Create(CultureInfo.InvariantCulture, $"The camera pose's rotation must be a unit quaternion; its norm is {norm}."));
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be a positive finite number; it is {value}."));
        }
    }
}
