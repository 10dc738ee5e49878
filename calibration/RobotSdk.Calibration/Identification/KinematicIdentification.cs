using System.Globalization;
using RobotSdk.Calibration.HandEye;
using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Identification;

/// <summary>
/// Identifies an arm's joint zero offsets and link lengths, together with the camera and tag
/// poses, from tag corners seen over many poses (Levenberg-Marquardt on reprojection error).
/// </summary>
/// <remarks>
/// Stages: (1) camera and tag poses from a tag pose per image and the Park-Martin hand-eye closed
/// form over the nominal chain, refined alone; (2) the identifiability analysis decides which
/// kinematic parameters the data can observe (the rest are held at nominal, and the report says
/// what absorbs them); (3) all observable parameters are refined jointly with a Huber loss. From a
/// gripper tag and a fixed camera, base yaw and the base link go into the camera pose, wrist roll
/// and the last link into the tag pose, unless a <see cref="TagMountPrior"/> says where the tag sits:
/// then its rows join the solve in every stage, stage 2 runs once without them to name what only the
/// prior determines, and stage 3 is solved twice, the second time with the prior weighed against the
/// pixel noise the first solve left (its root-mean-square corner residual).
/// </remarks>
public static class KinematicIdentification
{
    /// <summary>Fewest poses accepted; 40 or more are advisable, 100 or more with backlash.</summary>
    public const int MinimumPoses = 10;

    /// <summary>Corner noise, pixels, the prior is weighed against before the first solve has measured it (a good detector on a sharp tag).</summary>
    private const double ProvisionalPixelNoise = 0.2;

    /// <summary>Least corner noise, pixels, the prior is weighed against: a near-perfect fit must not make the prior count for nothing.</summary>
    private const double MinimumPixelNoise = 0.02;

    /// <summary>Identifies <paramref name="nominal"/>'s errors from <paramref name="observations"/>.</summary>
    /// <param name="nominal">The arm's nominal chain (its <see cref="KinematicChainDescription.Base"/> is kept as is).</param>
    /// <param name="intrinsics">The camera's intrinsics.</param>
    /// <param name="tagSizeMeters">Side of the tag's black square, metres.</param>
    /// <param name="observations">Joint positions and tag corners per pose; poses should cover each joint's range.</param>
    /// <param name="options">Settings; <see cref="KinematicIdentificationOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Too few poses, a joint count or corner count that does not match, non-finite values, poses that cannot determine the camera or tag, or a tag-mount prior that is not finite or comes with a wrist camera.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range, or a tag-mount prior's standard deviation that is not positive.</exception>
    public static KinematicCalibration Solve(KinematicChainDescription nominal, CameraIntrinsics intrinsics, double tagSizeMeters, IReadOnlyList<PoseObservation> observations, KinematicIdentificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nominal);
        ArgumentNullException.ThrowIfNull(observations);
        options ??= KinematicIdentificationOptions.Default;
        CameraModel camera = ObservationValidation.CameraModelOf(intrinsics, nameof(intrinsics));
        ObservationValidation.CheckTagSize(tagSizeMeters, nameof(tagSizeMeters));
        if (observations.Count < MinimumPoses)
        {
            throw new ArgumentException($"Kinematic identification needs at least {MinimumPoses} poses; got {observations.Count}.", nameof(observations));
        }

        if (options.MaxIterations < 1 || !(options.HuberThresholdPixels >= 0) || !(options.ObservabilityThreshold is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options,
                "MaxIterations must be at least 1, HuberThresholdPixels 0 or more, ObservabilityThreshold between 0 and 1 (exclusive).");
        }

        TagMountPrior? prior = options.TagMountPrior;
        if (prior is not null)
        {
            prior.Validate(nameof(options));
            if (options.Mount != CameraMount.Fixed)
            {
                throw new ArgumentException("A tag-mount prior describes a tag on the gripper seen by a fixed camera; with a wrist camera the tag is in the scene. Leave TagMountPrior null.", nameof(options));
            }
        }
        int n = nominal.Joints.Count;
        var positions = new double[observations.Count * n];
        var corners = new List<IReadOnlyList<PixelPoint>>(observations.Count);
        for (int i = 0; i < observations.Count; i++)
        {
            PoseObservation observation = observations[i] ?? throw new ArgumentException($"Pose {i} is null.", nameof(observations));
            if (observation.JointPositions is null || observation.JointPositions.Count != n)
            {
                throw new ArgumentException($"Pose {i} has {observation.JointPositions?.Count ?? 0} joint positions; the chain has {n} joints.", nameof(observations));
            }

            for (int j = 0; j < n; j++)
            {
                double value = observation.JointPositions[j];
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"Pose {i}, joint {j} ({nominal.Joints[j].JointName}) position is not finite ({value}).", nameof(observations));
                }

                positions[(i * n) + j] = value;
            }

            corners.Add(observation.Corners);
        }

        PixelPoint[] flat = ObservationValidation.FlattenCorners(corners, nameof(observations));
        var model = new CalibrationModel(nominal, positions, flat, camera, tagSizeMeters, options.Mount);
        if (prior is not null)
        {
            SetPrior(model, prior, ProvisionalPixelNoise);
        }

        // Stage 1: camera and tag poses over the nominal chain.
        (RigidMotion cameraStart, RigidMotion tagStart) = options.InitialCameraPose is { } cameraPose && options.InitialTagPose is { } tagPose
            ? (RigidMotion.FromPose(cameraPose), RigidMotion.FromPose(tagPose))
            : HandEyeCalibration.Initialize(Enumerable.Range(0, model.PoseCount).Select(model.Tool).ToArray(), flat, camera, tagSizeMeters, options.Mount);
        model.SetPoses(cameraStart, tagStart);
        model.SetFree(Enumerable.Range(model.CameraStart, 12));
        LevenbergMarquardt.Minimize(model, options.MaxIterations, options.HuberThresholdPixels);

        // Stage 2: which kinematic parameters the data can observe; with a prior, first what the images alone can.
        var heldByImages = new List<HeldParameter>();
        if (prior is not null)
        {
            model.PriorRowsSuspended = true;
            IdentifiabilityAnalysis.SelectObservable(model, options.ObservabilityThreshold, options.IdentifyLinkLengths, heldByImages, nameof(observations));
            model.PriorRowsSuspended = false;
        }

        var held = new List<HeldParameter>();
        int[] free = IdentifiabilityAnalysis.SelectObservable(model, options.ObservabilityThreshold, options.IdentifyLinkLengths, held, nameof(observations));
        model.SetFree(free);

        // Stage 3: everything observable together; with a prior, again once the pixel noise it is weighed against is measured.
        LevenbergMarquardtOutcome outcome = LevenbergMarquardt.Minimize(model, options.MaxIterations, options.HuberThresholdPixels);
        if (prior is not null)
        {
            double noise = Math.Sqrt(SumOfSquares(outcome.Residuals, model.PixelResidualCount) / model.PixelResidualCount);
            SetPrior(model, prior, Math.Max(MinimumPixelNoise, noise));
            outcome = LevenbergMarquardt.Minimize(model, options.MaxIterations, options.HuberThresholdPixels);
        }

        List<KinematicParameter> determinedByPrior = [.. heldByImages.Select(h => h.Parameter).Where(parameter => !held.Any(h => h.Parameter == parameter))];
        return Result(nominal, model, outcome, held, determinedByPrior, prior, options.Mount);
    }

    private static void SetPrior(CalibrationModel model, TagMountPrior prior, double pixelNoise) =>
        model.SetTagMountPrior(RigidMotion.FromPose(prior.TagInLastJoint), prior.PositionStandardDeviationMeters, prior.RotationStandardDeviationDegrees * Math.PI / 180, pixelNoise);

    private static double SumOfSquares(double[] residuals, int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += residuals[i] * residuals[i];
        }

        return sum;
    }

    private static KinematicCalibration Result(KinematicChainDescription nominal, CalibrationModel model, LevenbergMarquardtOutcome outcome, List<HeldParameter> held, List<KinematicParameter> determinedByPrior, TagMountPrior? prior, CameraMount mount)
    {
        int n = nominal.Joints.Count;
        ReadOnlySpan<double> values = model.Values;
        var offsets = new double[n];
        var lengths = new double[n + 1];
        var joints = new KinematicJoint[n];
        for (int j = 0; j < n; j++)
        {
            KinematicJoint joint = nominal.Joints[j];
            offsets[j] = values[j];
            lengths[j] = model.LinkLengthError(j);
            Pose origin = Lengthen(joint.Origin, lengths[j]);
            Vector3D axis = joint.Axis.Normalized();

            // origin * motion(offset) * motion(q) = origin' * motion(q): the offset moves into the origin.
            origin = joint.Kind == JointKind.Prismatic
                ? origin with { Position = origin.Position + origin.Orientation.Rotate(offsets[j] * axis) }
                : origin with { Orientation = origin.Orientation * Rotation.FromAxisAngle(axis, offsets[j]) };
            joints[j] = joint with { Origin = origin };
        }

        lengths[n] = model.LinkLengthError(n);
        KinematicChainDescription calibrated = nominal with { Joints = joints, Tool = Lengthen(nominal.Tool, lengths[n]) };

        // The pixel rows only: the prior's rows are not measurements.
        int residualCount = model.PixelResidualCount;
        double sumOfSquares = SumOfSquares(outcome.Residuals, residualCount);
        double variance = sumOfSquares / Math.Max(1, residualCount - model.ParameterCount);
        (double condition, string weakest, double[] deviations) = IdentifiabilityAnalysis.Conditioning(model, variance);
        var estimated = new List<EstimatedParameter>();
        for (int i = 0; i < model.ParameterCount; i++)
        {
            KinematicParameter parameter = model.Parameters[model.Free[i]];
            if (parameter.Kind is KinematicParameterKind.JointOffset or KinematicParameterKind.LinkLength)
            {
                estimated.Add(new EstimatedParameter(parameter, values[model.Free[i]], deviations[i]));
            }
        }

        double? positionFromPrior = null, rotationFromPrior = null;
        if (prior is not null)
        {
            RigidMotion fromPrior = RigidMotion.FromPose(prior.TagInLastJoint).Inverse() * model.TagInLastJoint;
            positionFromPrior = fromPrior.Translation.Length;
            rotationFromPrior = fromPrior.LogRotation().Length * 180 / Math.PI;
        }

        List<string> lines = Lines(held, estimated, condition, weakest, model.PoseCount);
        if (prior is not null)
        {
            lines.InsertRange(lines.Count - 1, PriorLines(nominal, prior, determinedByPrior, model.PriorPixelNoise, positionFromPrior!.Value, rotationFromPrior!.Value));
        }

        IdentifiabilityReport report = new(held, estimated, condition, weakest, lines)
        {
            TagMountPrior = prior,
            DeterminedByTagMountPrior = determinedByPrior,
            TagMountPositionFromPriorMeters = positionFromPrior,
            TagMountRotationFromPriorDegrees = rotationFromPrior,
        };
        double rms = Math.Sqrt(sumOfSquares / residualCount);
        return new KinematicCalibration(calibrated, offsets, lengths, mount, model.Camera.ToPose(), model.Tag.ToPose(), rms, outcome.Iterations, outcome.Converged, report);
    }

    private static IEnumerable<string> PriorLines(KinematicChainDescription nominal, TagMountPrior prior, List<KinematicParameter> determined, double pixelNoise, double positionFromPrior, double rotationFromPrior)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"Tag-mount prior used: the tag's pose in the {nominal.Joints[^1].JointName} frame to +/- {prior.PositionStandardDeviationMeters * 1000:0.0##} mm and {prior.RotationStandardDeviationDegrees:0.0##} deg, weighed against {pixelNoise:0.000} px of corner noise.");
        yield return determined.Count == 0
            ? "The prior determines nothing the images could not: every parameter it touches is either estimated from the images or still held."
            : $"Determined by the tag-mount prior (the images alone cannot tell them from the tag pose; their uncertainty is about the prior's): {string.Join(", ", determined.Select(p => p.Name))}.";
        yield return string.Create(c, $"The solved tag mount is {positionFromPrior * 1000:0.00} mm and {rotationFromPrior:0.00} deg from the prior.");
    }

    private static Pose Lengthen(Pose origin, double length)
    {
        double nominalLength = origin.Position.Length;
        return nominalLength > 1e-6 ? origin with { Position = ((nominalLength + length) / nominalLength) * origin.Position } : origin;
    }

    private static List<string> Lines(List<HeldParameter> held, List<EstimatedParameter> estimated, double condition, string weakest, int poses)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"{poses} poses; {estimated.Count} kinematic parameters estimated, {held.Count} held at nominal."),
        };
        foreach (HeldParameter h in held)
        {
            string because = h.AbsorbedInto == "nothing" || h.AbsorbedInto.StartsWith("nothing", StringComparison.Ordinal)
                ? "it does not change what the camera sees"
                : $"the data cannot tell it from {h.AbsorbedInto}, which absorbs it";
            lines.Add($"Not observable: {h.Parameter.Name}; {because}. Held at nominal.");
        }

        foreach (EstimatedParameter e in estimated)
        {
            lines.Add(e.Parameter.Kind == KinematicParameterKind.JointOffset
                ? string.Create(c, $"Estimated: {e.Parameter.Name} = {e.Value * 180 / Math.PI:+0.000;-0.000} deg (+/- {e.StandardDeviation * 180 / Math.PI:0.000} deg).")
                : string.Create(c, $"Estimated: {e.Parameter.Name} error = {e.Value * 1000:+0.000;-0.000} mm (+/- {e.StandardDeviation * 1000:0.000} mm)."));
        }

        lines.Add(string.Create(c, $"Condition number of the scaled Jacobian: {condition:0.#}; least determined: {weakest}."));
        return lines;
    }
}
