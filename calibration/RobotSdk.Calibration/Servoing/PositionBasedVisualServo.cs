using System.Globalization;
using RobotSdk.Calibration.Procedure;
using RobotSdk.Geometry;
using RobotSdk.Kinematics;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// Position-based visual servoing with a fixed camera (eye-to-hand), in the manner of ViSP's PBVS:
/// the camera measures both the gripper tag and the target tag, the tool's pose error is formed in
/// the camera frame, and a fraction (the gain) of it corrects the commanded tool pose, which inverse
/// kinematics and the rig then reach; repeat until the error is below tolerance.
/// </summary>
/// <remarks>
/// <para>
/// Why it removes calibration errors: tool and goal are measured by the same camera in the same
/// frame, so where the camera really is does not matter, and the correction is applied to the
/// commanded pose (integral action), so a kinematic bias between commanded and reached pose (joint
/// zero offsets, link lengths, gravity sag) is absorbed over the iterations. What remains is
/// measurement error: tag pose noise and the accuracy of the gripper tag's pose in the tool frame.
/// </para>
/// <para>
/// The camera's rotation (<see cref="VisualServoOptions.CameraPose"/>) maps the camera-frame error
/// into the chain's world frame; an error of a few degrees in it turns each step slightly, which the
/// next measurement corrects. The translation is corrected at the tool point and the rotation about
/// it (ViSP's "tool frame" PBVS variant), so the tool point moves along a straight line.
/// </para>
/// </remarks>
public static class PositionBasedVisualServo
{
    /// <summary>The tool's pose error in the camera frame from the two measured tag poses.</summary>
    /// <param name="gripperTagInCamera">Camera-from-tag pose of the gripper tag.</param>
    /// <param name="targetInCamera">Camera-from-target pose: the target board's frame, or the single target tag's.</param>
    /// <param name="target">The tags' meaning: the gripper tag in the tool frame and the goal in the target frame.</param>
    public static VisualServoError MeasureError(Pose gripperTagInCamera, Pose targetInCamera, VisualServoTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Pose tool = gripperTagInCamera * target.TagInTool.Inverse();
        Pose goal = targetInCamera * target.ToolInTarget;
        Rotation turn = goal.Orientation * tool.Orientation.Inverse();
        return new VisualServoError(goal.Position - tool.Position, RotationVector(turn));
    }

    /// <summary>
    /// The commanded tool pose moved by <paramref name="gain"/> times <paramref name="error"/>, the
    /// error turned from the camera frame into the chain's world frame by <paramref name="cameraOrientation"/>:
    /// the position moves along the error, the orientation turns about the tool point.
    /// </summary>
    /// <param name="commandedTool">The tool pose last commanded, world frame.</param>
    /// <param name="error">The measured error, camera frame.</param>
    /// <param name="cameraOrientation">The camera's orientation in the world frame.</param>
    /// <param name="gain">The fraction of the error to correct.</param>
    public static Pose Correct(Pose commandedTool, VisualServoError error, Rotation cameraOrientation, double gain)
    {
        Vector3D translation = cameraOrientation.Rotate(error.Translation);
        Vector3D rotation = cameraOrientation.Rotate(error.Rotation);
        Rotation turn = rotation.Length < 1e-15 ? Rotation.Identity : Rotation.FromAxisAngle(rotation, gain * rotation.Length);
        return new Pose(commandedTool.Position + (gain * translation), Normalize(turn * commandedTool.Orientation));
    }

    /// <summary>
    /// Runs the loop from where the arm is: the first commanded pose is the chain's forward kinematics
    /// of the joints the rig reads, then each iteration takes a frame, measures the error, stops when
    /// it is within tolerance (or the loop diverges, a tag is lost, the iteration cap is reached, the
    /// pose is unreachable), else corrects the commanded pose and moves there (settling).
    /// </summary>
    /// <param name="rig">The arm and the fixed camera; positions in <paramref name="chain"/> order.</param>
    /// <param name="chain">The arm's kinematics (nominal or calibrated), for inverse kinematics.</param>
    /// <param name="observer">Measures tag poses in the rig's frames.</param>
    /// <param name="target">The tags and the goal.</param>
    /// <param name="options">Camera pose, gains, tolerances and stop criteria.</param>
    /// <param name="cancellationToken">Cancels the run (the arm stays where the last move left it).</param>
    /// <returns>The per-iteration errors and why the loop stopped; failing to converge is a result, not an exception.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or a tag is out of range.</exception>
    /// <exception cref="ArgumentException">The gripper tag is also a target tag.</exception>
    public static async Task<VisualServoResult> RunAsync(
        ICalibrationRig rig,
        SerialChain chain,
        ITagPoseObserver observer,
        VisualServoTarget target,
        VisualServoOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        target.Validate();
        options.Validate();

        int n = chain.JointCount;
        var solution = new double[n];
        rig.ReadJointPositions(solution);
        Pose commanded = chain.ForwardKinematics(solution);
        var candidate = new double[n];
        var measured = new double[n];
        var iterations = new List<VisualServoIteration>();
        double previous = double.PositiveInfinity;
        int growing = 0;
        for (int k = 0; ; k++)
        {
            rig.ReadJointPositions(measured);
            CameraFrame frame = await rig.CaptureFrameAsync(k, cancellationToken).ConfigureAwait(false);
            VisualServoObservation seen = observer.Observe(frame, target);
            if (seen.GripperTag is not { } gripper)
            {
                return Stop(VisualServoStopReason.GripperTagLost, Invariant($"The gripper tag {target.GripperTag.Id} was not found in frame {k}."));
            }

            if (seen.Target is not { } goal)
            {
                return Stop(VisualServoStopReason.TargetTagLost, Invariant($"The {target.TargetDescription} was not found in frame {k}."));
            }

            VisualServoError error = MeasureError(gripper.CameraFromObject, goal.CameraFromObject, target);
            double relative = Math.Max(error.TranslationMetres / options.TranslationToleranceMetres, error.RotationRadians / options.RotationToleranceRadians);
            if (relative < 1)
            {
                return Stop(VisualServoStopReason.Converged, Invariant($"Converged after {k} corrections: {Describe(error)}."), error);
            }

            // Growth within twice the tolerance is measurement noise near the goal, not divergence.
            growing = relative > previous && relative > 2 ? growing + 1 : 0;
            previous = relative;
            if (growing >= options.DivergenceIterations)
            {
                return Stop(VisualServoStopReason.Diverged, Invariant($"The error grew {growing} iterations in a row, to {Describe(error)} at iteration {k}: check the camera pose and the gain."), error);
            }

            if (k == options.MaxIterations)
            {
                return Stop(VisualServoStopReason.MaxIterations, Invariant($"Not converged after {k} corrections: {Describe(error)}."), error);
            }

            double gain = options.Gain.At(error.InfinityNorm);
            iterations.Add(new VisualServoIteration(k, error, gain, (double[])measured.Clone()));
            Pose corrected = Correct(commanded, Limit(error, gain, options), options.CameraPose.Orientation, gain);
            InverseKinematicsResult solved = chain.SolveInverseKinematics(corrected, solution, candidate, options.InverseKinematics);
            if (!(solved.PositionErrorMeters <= options.MaximumInverseKinematicsErrorMetres))
            {
                return StopAfterCorrection(VisualServoStopReason.Unreachable, Invariant($"The corrected pose at {corrected.Position} has no inverse kinematics solution near the last one (position left {solved.PositionErrorMeters * 1000:0.00} mm)."));
            }

            if (!await rig.MoveToAsync(candidate, settle: true, cancellationToken).ConfigureAwait(false))
            {
                return StopAfterCorrection(VisualServoStopReason.Unreachable, Invariant($"The rig could not reach the corrected pose at {corrected.Position} (iteration {k})."));
            }

            candidate.CopyTo(solution, 0);
            commanded = chain.ForwardKinematics(solution);

            VisualServoResult Stop(VisualServoStopReason reason, string message, VisualServoError? last = null)
            {
                if (last is { } final)
                {
                    iterations.Add(new VisualServoIteration(k, final, 0, (double[])measured.Clone()));
                }

                return new VisualServoResult(reason, iterations, commanded, message);
            }

            VisualServoResult StopAfterCorrection(VisualServoStopReason reason, string message) => new(reason, iterations, commanded, message);
        }
    }

    /// <summary>The rotation vector (unit axis times angle in [0, pi]) of a rotation.</summary>
    internal static Vector3D RotationVector(Rotation rotation)
    {
        // q and -q are the same rotation: take the one with w >= 0 for the angle in [0, pi].
        Rotation q = rotation.W < 0 ? new Rotation(-rotation.W, -rotation.X, -rotation.Y, -rotation.Z) : rotation;
        var axis = new Vector3D(q.X, q.Y, q.Z);
        double sine = axis.Length;
        if (sine < 1e-15)
        {
            return Vector3D.Zero;
        }

        double angle = 2 * Math.Atan2(sine, q.W);
        return (angle / sine) * axis;
    }

    /// <summary>The error scaled so that gain times it stays within the per-step limits.</summary>
    private static VisualServoError Limit(VisualServoError error, double gain, VisualServoOptions options)
    {
        double translationScale = Math.Min(1, options.MaximumTranslationStepMetres / Math.Max(gain * error.TranslationMetres, 1e-300));
        double rotationScale = Math.Min(1, options.MaximumRotationStepRadians / Math.Max(gain * error.RotationRadians, 1e-300));
        double scale = Math.Min(translationScale, rotationScale);
        return scale >= 1 ? error : new VisualServoError(scale * error.Translation, scale * error.Rotation);
    }

    private static Rotation Normalize(Rotation q)
    {
        double norm = Math.Sqrt((q.W * q.W) + (q.X * q.X) + (q.Y * q.Y) + (q.Z * q.Z));
        return new Rotation(q.W / norm, q.X / norm, q.Y / norm, q.Z / norm);
    }

    private static string Describe(VisualServoError error) =>
        Invariant($"{error.TranslationMetres * 1000:0.00} mm, {error.RotationRadians * 180 / Math.PI:0.00} degrees");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
