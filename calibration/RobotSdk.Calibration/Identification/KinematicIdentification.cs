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
/// and the last link into the tag pose.
/// </remarks>
public static class KinematicIdentification
{
    /// <summary>Fewest poses accepted; 40 or more are advisable, 100 or more with backlash.</summary>
    public const int MinimumPoses = 10;

    /// <summary>Identifies <paramref name="nominal"/>'s errors from <paramref name="observations"/>.</summary>
    /// <param name="nominal">The arm's nominal chain (its <see cref="KinematicChainDescription.Base"/> is kept as is).</param>
    /// <param name="intrinsics">The camera's intrinsics.</param>
    /// <param name="tagSizeMeters">Side of the tag's black square, metres.</param>
    /// <param name="observations">Joint positions and tag corners per pose; poses should cover each joint's range.</param>
    /// <param name="options">Settings; <see cref="KinematicIdentificationOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Too few poses, a joint count or corner count that does not match, non-finite values, or poses that cannot determine the camera or tag.</exception>
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

        // Stage 1: camera and tag poses over the nominal chain.
        (RigidMotion cameraStart, RigidMotion tagStart) = options.InitialCameraPose is { } cameraPose && options.InitialTagPose is { } tagPose
            ? (RigidMotion.FromPose(cameraPose), RigidMotion.FromPose(tagPose))
            : HandEyeCalibration.Initialize(Enumerable.Range(0, model.PoseCount).Select(model.Tool).ToArray(), flat, camera, tagSizeMeters, options.Mount);
        model.SetPoses(cameraStart, tagStart);
        model.SetFree(Enumerable.Range(model.CameraStart, 12));
        LevenbergMarquardt.Minimize(model, options.MaxIterations, options.HuberThresholdPixels);

        // Stage 2: which kinematic parameters the data can observe.
        var held = new List<HeldParameter>();
        int[] free = IdentifiabilityAnalysis.SelectObservable(model, options.ObservabilityThreshold, options.IdentifyLinkLengths, held, nameof(observations));
        model.SetFree(free);

        // Stage 3: everything observable together.
        LevenbergMarquardtOutcome outcome = LevenbergMarquardt.Minimize(model, options.MaxIterations, options.HuberThresholdPixels);
        return Result(nominal, model, outcome, held, options.Mount);
    }

    private static KinematicCalibration Result(KinematicChainDescription nominal, CalibrationModel model, LevenbergMarquardtOutcome outcome, List<HeldParameter> held, CameraMount mount)
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

        int residualCount = outcome.Residuals.Length;
        double sumOfSquares = outcome.Residuals.Sum(r => r * r);
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

        IdentifiabilityReport report = new(held, estimated, condition, weakest, Lines(held, estimated, condition, weakest, model.PoseCount));
        double rms = Math.Sqrt(sumOfSquares / residualCount);
        return new KinematicCalibration(calibrated, offsets, lengths, mount, model.Camera.ToPose(), model.Tag.ToPose(), rms, outcome.Iterations, outcome.Converged, report);
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
