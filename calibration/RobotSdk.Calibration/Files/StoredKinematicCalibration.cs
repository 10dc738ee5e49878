using System.Reflection;
using RobotSdk.Calibration.Identification;
using RobotSdk.Geometry;
using RobotSdk.Hardware;

namespace RobotSdk.Calibration.Files;

/// <summary>
/// A kinematic calibration together with the arm, camera and fit it belongs to: what
/// <see cref="KinematicCalibrationFile"/> saves and loads.
/// </summary>
/// <param name="Arm">Arm model, for example <c>so101</c>.</param>
/// <param name="ArmIdentity">
/// The physical arm, as its driver identifies it (model plus servo IDs or serials, or a controller serial).
/// A file only applies to the arm whose identity matches exactly.
/// </param>
/// <param name="Camera">The camera used, with its calibrated pose.</param>
/// <param name="Calibrated">The corrected chain; forward and inverse kinematics over it take measured joint positions unchanged.</param>
/// <param name="JointOffsetsRadians">Per chain joint: true position = measured + offset (metres for a slide).</param>
/// <param name="LinkLengthErrorsMeters">Per link (joint origins base to wrist, then the tool): the length added.</param>
/// <param name="TagPose">Fixed camera: the tag in the tool frame. Wrist camera: the tag in the world frame.</param>
/// <param name="Residuals">How well the calibration fits.</param>
/// <param name="IdentifiabilityLines">What the data could and could not determine, one finding per line.</param>
public sealed record StoredKinematicCalibration(
    string Arm,
    string ArmIdentity,
    CalibratedCamera Camera,
    KinematicChainDescription Calibrated,
    IReadOnlyList<double> JointOffsetsRadians,
    IReadOnlyList<double> LinkLengthErrorsMeters,
    Pose TagPose,
    CalibrationResiduals Residuals,
    IReadOnlyList<string> IdentifiabilityLines)
{
    /// <summary>When the calibration was made.</summary>
    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The RobotSdk version that made it (informational; loading does not depend on it).</summary>
    public string SdkVersion { get; init; } = CurrentSdkVersion;

    /// <summary>The version of this RobotSdk.Calibration assembly.</summary>
    public static string CurrentSdkVersion { get; } =
        typeof(StoredKinematicCalibration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Wraps the result of <see cref="KinematicIdentification"/> with what it was made for.</summary>
    /// <param name="result">The identification result.</param>
    /// <param name="arm">Arm model.</param>
    /// <param name="armIdentity">The physical arm's identity from its driver.</param>
    /// <param name="cameraName">The camera's name on the robot.</param>
    /// <param name="intrinsics">The camera's intrinsics used in the solve.</param>
    /// <param name="residuals">The fit; null takes the solver's RMS and convergence with <paramref name="poseCount"/> poses.</param>
    /// <param name="poseCount">Poses used to solve, when <paramref name="residuals"/> is null.</param>
    public static StoredKinematicCalibration From(
        KinematicCalibration result,
        string arm,
        string armIdentity,
        string cameraName,
        CameraIntrinsics intrinsics,
        CalibrationResiduals? residuals = null,
        int poseCount = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new StoredKinematicCalibration(
            arm,
            armIdentity,
            new CalibratedCamera(cameraName, intrinsics, result.Mount, result.CameraPose),
            result.Calibrated,
            result.JointOffsetsRadians,
            result.LinkLengthErrorsMeters,
            result.TagPose,
            residuals ?? new CalibrationResiduals(result.RmsReprojectionErrorPixels, poseCount, result.Converged),
            result.Identifiability.Lines);
    }

    /// <summary>
    /// Checks that this calibration was made on the arm <paramref name="robot"/> describes: the same model,
    /// the same <see cref="RobotDescription.Identity"/>, and a chain over the same joints in the same order.
    /// </summary>
    /// <param name="robot">The description of the arm it is applied to (its driver's).</param>
    /// <param name="source">Where the calibration came from (a file path), for the message.</param>
    /// <exception cref="CalibrationMismatchException">It was made for another arm; the message names the source, the identity it expects and the one it found.</exception>
    public void EnsureMatches(RobotDescription robot, string source)
    {
        ArgumentNullException.ThrowIfNull(robot);
        KinematicChainDescription nominal = robot.Kinematics
            ?? throw new CalibrationMismatchException($"{source}: a kinematic calibration cannot apply to a '{robot.Model}' ('{robot.Identity}'), which describes no kinematics.");
        EnsureMatches(robot.Model, robot.Identity, nominal.Joints.Count, source);
        string[] expected = [.. nominal.Joints.Select(joint => joint.JointName)];
        string[] found = [.. Calibrated.Joints.Select(joint => joint.JointName)];
        if (!expected.SequenceEqual(found, StringComparer.Ordinal))
        {
            throw new CalibrationMismatchException(
                $"{source}: this kinematic calibration's chain moves {string.Join(", ", found)}; the '{robot.Model}' arm '{robot.Identity}' moves {string.Join(", ", expected)}.");
        }
    }

    /// <summary>Checks that this calibration was made on this very arm.</summary>
    /// <param name="arm">The arm model it is applied to.</param>
    /// <param name="armIdentity">That arm's identity from its driver.</param>
    /// <param name="jointCount">Joints in that arm's kinematic chain.</param>
    /// <param name="source">Where the calibration came from, for the message (a file path).</param>
    /// <exception cref="CalibrationMismatchException">It was made for another arm; the message says what differs.</exception>
    public void EnsureMatches(string arm, string armIdentity, int jointCount, string source)
    {
        if (!string.Equals(Arm, arm, StringComparison.OrdinalIgnoreCase))
        {
            throw new CalibrationMismatchException($"{source}: this kinematic calibration was made for a '{Arm}' arm ('{ArmIdentity}'), not a '{arm}' ('{armIdentity}').");
        }

        if (!string.Equals(ArmIdentity, armIdentity, StringComparison.Ordinal))
        {
            throw new CalibrationMismatchException($"{source}: this kinematic calibration was made for the '{Arm}' arm '{ArmIdentity}', not this one ('{armIdentity}'); calibrate this arm.");
        }

        if (Calibrated.Joints.Count != jointCount)
        {
            throw new CalibrationMismatchException($"{source}: this kinematic calibration has {Calibrated.Joints.Count} joints, this '{arm}' has {jointCount}.");
        }
    }
}
