using RobotSdk.Geometry;

namespace RobotSdk.Calibration.Procedure;

/// <summary>
/// Draws calibration poses for any serial arm: random joint configurations inside its limits (shrunk
/// by a margin), kept only when they are safe and useful, and spread apart in joint space.
/// </summary>
/// <remarks>
/// A configuration is kept when (1) every joint frame origin a joint moves stands at least
/// <see cref="CalibrationPoseGeneratorOptions.MinimumFrameHeightMeters"/> above the table (the first
/// joint's origin is fixed to the base, which may sit on the table, as a DH base frame does) and the tool
/// point at least <see cref="CalibrationPoseGeneratorOptions.MinimumToolHeightMeters"/> (a coarse
/// collision guard: frame origins only, no link volumes or self-collision, so leave margins generous),
/// (2) with a nominal camera, the tool point lies in front of it and projects inside the image, (3) with a
/// tag normal guess, the tag faces the camera, (4) with approach offsets, gravity pulls no joint away from
/// its approach side (<see cref="CalibrationPoseGeneratorOptions.ApproachOffsets"/>), and (5) it is at least
/// <see cref="CalibrationPoseGeneratorOptions.MinimumSeparationRadians"/> from every pose kept before.
/// Every pose is a configuration inside the limits, so it is within reach by construction. Uniform draws
/// over the whole (shrunk) range cover each joint's range, which identification needs.
/// </remarks>
public static class CalibrationPoseGenerator
{
    /// <summary>Generates <see cref="CalibrationPoseGeneratorOptions.CalibrationCount"/> plus <see cref="CalibrationPoseGeneratorOptions.HeldOutCount"/> poses.</summary>
    /// <param name="chain">The arm's nominal chain.</param>
    /// <param name="limits">Each chain joint's limits, in chain order.</param>
    /// <param name="options">Settings.</param>
    /// <returns>The poses; held-out poses are the last ones drawn, so both sets come from the same distribution.</returns>
    /// <exception cref="ArgumentException">Counts that do not match, or a margin that leaves no range.</exception>
    /// <exception cref="InvalidOperationException">Too few acceptable poses within <see cref="CalibrationPoseGeneratorOptions.MaximumAttempts"/>; the message says how many were found.</exception>
    public static CalibrationPosePlan Generate(KinematicChainDescription chain, IReadOnlyList<JointLimits> limits, CalibrationPoseGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        int n = chain.Joints.Count;
        if (limits.Count != n)
        {
            throw new ArgumentException($"Got {limits.Count} joint limits for a chain of {n} joints.", nameof(limits));
        }

        if (options.CalibrationCount < 0 || options.HeldOutCount < 0 || !(options.LimitMarginFraction is >= 0 and < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Counts must be 0 or more and LimitMarginFraction in [0, 0.5).");
        }

        var low = new double[n];
        var high = new double[n];
        for (int j = 0; j < n; j++)
        {
            double range = limits[j].MaxPosition - limits[j].MinPosition;
            if (!(range > 0) || !double.IsFinite(range))
            {
                throw new ArgumentException($"Joint {chain.Joints[j].JointName} has no finite range ({limits[j].MinPosition} to {limits[j].MaxPosition}).", nameof(limits));
            }

            low[j] = limits[j].MinPosition + (options.LimitMarginFraction * range);
            high[j] = limits[j].MaxPosition - (options.LimitMarginFraction * range);
        }

        if (options.ApproachOffsets is { } offsets && offsets.Count != n)
        {
            throw new ArgumentException($"Got {offsets.Count} approach offsets for a chain of {n} joints.", nameof(options));
        }

        if (!(options.GravityToleranceMeters >= 0) || !double.IsFinite(options.GravityToleranceMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, $"GravityToleranceMeters must be 0 or more; it is {options.GravityToleranceMeters}.");
        }

        int wanted = options.CalibrationCount + options.HeldOutCount;
        var random = new Random(options.Seed);
        var kept = new List<IReadOnlyList<double>>(wanted);
        CameraModel? camera = options.Intrinsics is { } intrinsics ? new CameraModel(intrinsics) : null;
        double minimumCosine = Math.Cos(options.MaximumViewAngleDegrees * Math.PI / 180);
        int attempts = 0;
        while (kept.Count < wanted && attempts < options.MaximumAttempts)
        {
            attempts++;
            var candidate = new double[n];
            for (int j = 0; j < n; j++)
            {
                candidate[j] = low[j] + (random.NextDouble() * (high[j] - low[j]));
            }

            if (IsClearOfTable(chain, candidate, options, out Pose tool)
                && IsSeen(tool, options, camera, minimumCosine)
                && IsPulledTowardsApproach(chain, candidate, options)
                && IsApart(candidate, kept, options.MinimumSeparationRadians))
            {
                kept.Add(candidate);
            }
        }

        if (kept.Count < wanted)
        {
            throw new InvalidOperationException(
                $"Found {kept.Count} of {wanted} acceptable calibration poses in {attempts} draws; relax the view angle, separation or margins.");
        }

        return new CalibrationPosePlan(kept.GetRange(0, options.CalibrationCount), kept.GetRange(options.CalibrationCount, options.HeldOutCount), attempts);
    }

    /// <summary>
    /// Chooses, per joint, the side to approach every pose from: the side gravity pulls the joint's
    /// distal links towards in most acceptable poses (table, image and facing tests of
    /// <paramref name="options"/>), so that <see cref="CalibrationPoseGeneratorOptions.ApproachOffsets"/>
    /// rejects as few poses as it can. Joints gravity barely loads (a vertical axis) keep the positive side.
    /// </summary>
    /// <param name="chain">The arm's nominal chain.</param>
    /// <param name="limits">Each chain joint's limits, in chain order.</param>
    /// <param name="options">Settings; its counts, separation and approach offsets are not used.</param>
    /// <param name="magnitude">Size of every offset, radians or metres; more than the backlash.</param>
    /// <returns>Per joint, +<paramref name="magnitude"/> or -<paramref name="magnitude"/>.</returns>
    /// <exception cref="ArgumentException">Limits that do not match the chain, or a magnitude that is not positive.</exception>
    /// <exception cref="InvalidOperationException">No acceptable pose within <see cref="CalibrationPoseGeneratorOptions.MaximumAttempts"/>.</exception>
    public static double[] ChooseApproachOffsets(KinematicChainDescription chain, IReadOnlyList<JointLimits> limits, CalibrationPoseGeneratorOptions options, double magnitude)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        int n = chain.Joints.Count;
        if (limits.Count != n)
        {
            throw new ArgumentException($"Got {limits.Count} joint limits for a chain of {n} joints.", nameof(limits));
        }

        if (!(magnitude > 0) || !double.IsFinite(magnitude))
        {
            throw new ArgumentException($"The approach offset must be positive and finite; got {magnitude}.", nameof(magnitude));
        }

        const int Sample = 2000;
        var random = new Random(options.Seed);
        CameraModel? camera = options.Intrinsics is { } intrinsics ? new CameraModel(intrinsics) : null;
        double minimumCosine = Math.Cos(options.MaximumViewAngleDegrees * Math.PI / 180);
        var votes = new double[n];
        var arms = new double[n];
        var candidate = new double[n];
        int accepted = 0;
        for (int attempt = 0; attempt < options.MaximumAttempts && accepted < Sample; attempt++)
        {
            for (int j = 0; j < n; j++)
            {
                double margin = options.LimitMarginFraction * (limits[j].MaxPosition - limits[j].MinPosition);
                candidate[j] = limits[j].MinPosition + margin + (random.NextDouble() * (limits[j].MaxPosition - limits[j].MinPosition - (2 * margin)));
            }

            if (IsClearOfTable(chain, candidate, options, out Pose tool) && IsSeen(tool, options, camera, minimumCosine))
            {
                accepted++;
                GravityMomentArms(chain, candidate, arms);
                for (int j = 0; j < n; j++)
                {
                    // A vote only where gravity clearly pulls one way: near-zero arms go with either side.
                    votes[j] += Math.Abs(arms[j]) > options.GravityToleranceMeters ? Math.Sign(arms[j]) : 0;
                }
            }
        }

        if (accepted == 0)
        {
            throw new InvalidOperationException($"No acceptable calibration pose in {options.MaximumAttempts} draws; relax the view angle or margins.");
        }

        return [.. votes.Select(vote => vote < 0 ? -magnitude : magnitude)];
    }

    /// <summary>
    /// Per joint, gravity's pull on the links it carries as a mean moment arm, metres: positive when
    /// gravity turns the joint towards positive positions. The links are weighted alike (masses are not
    /// known): each one's midpoint, from its frame origin to the next (the last to the tool point).
    /// Prismatic joints get the mean drop along their axis (positive when gravity pushes them positive).
    /// </summary>
    internal static void GravityMomentArms(KinematicChainDescription chain, IReadOnlyList<double> positions, Span<double> arms)
    {
        int n = chain.Joints.Count;
        Span<Vector3D> origins = n <= 32 ? stackalloc Vector3D[n + 1] : new Vector3D[n + 1];
        Span<Vector3D> axes = n <= 32 ? stackalloc Vector3D[n] : new Vector3D[n];
        Pose frame = chain.Base;
        for (int j = 0; j < n; j++)
        {
            KinematicJoint joint = chain.Joints[j];
            frame *= joint.Origin;
            Vector3D axis = joint.Axis.Normalized();
            origins[j] = frame.Position;
            axes[j] = frame.Orientation.Rotate(axis);
            frame *= joint.Kind == JointKind.Prismatic
                ? new Pose(positions[j] * axis, Rotation.Identity)
                : new Pose(Vector3D.Zero, Rotation.FromAxisAngle(axis, positions[j]));
        }

        origins[n] = (frame * chain.Tool).Position;
        var down = new Vector3D(0, 0, -1);
        for (int j = 0; j < n; j++)
        {
            if (chain.Joints[j].Kind == JointKind.Prismatic)
            {
                arms[j] = Vector3D.Dot(axes[j], down);
                continue;
            }

            double sum = 0;
            for (int link = j; link < n; link++)
            {
                Vector3D midpoint = 0.5 * (origins[link] + origins[link + 1]);
                sum += Vector3D.Dot(axes[j], Vector3D.Cross(midpoint - origins[j], down));
            }

            arms[j] = sum / (n - j);
        }
    }

    /// <summary>Whether every moving joint frame and the tool point clear the table; <paramref name="tool"/> is the tool pose.</summary>
    internal static bool IsClearOfTable(KinematicChainDescription chain, IReadOnlyList<double> positions, CalibrationPoseGeneratorOptions options, out Pose tool)
    {
        Pose frame = chain.Base;
        for (int j = 0; j < chain.Joints.Count; j++)
        {
            KinematicJoint joint = chain.Joints[j];
            frame *= joint.Origin;
            if (j > 0 && frame.Position.Z - options.TableHeightMeters < options.MinimumFrameHeightMeters)
            {
                tool = default;
                return false;
            }

            Vector3D axis = joint.Axis.Normalized();
            frame *= joint.Kind == JointKind.Prismatic
                ? new Pose(positions[j] * axis, Rotation.Identity)
                : new Pose(Vector3D.Zero, Rotation.FromAxisAngle(axis, positions[j]));
        }

        tool = frame * chain.Tool;
        return tool.Position.Z - options.TableHeightMeters >= options.MinimumToolHeightMeters;
    }

    private static bool IsSeen(Pose tool, CalibrationPoseGeneratorOptions options, CameraModel? camera, double minimumCosine)
    {
        if (options.NominalCameraPose is not { } cameraPose)
        {
            return true;
        }

        Vector3D inCamera = cameraPose.Inverse().Transform(tool.Position);
        if (camera is not null)
        {
            if (!camera.TryProject(inCamera, out PixelPoint pixel))
            {
                return false;
            }

            double margin = options.ImageMarginPixels;
            if (pixel.X < margin || pixel.Y < margin || pixel.X > camera.Intrinsics.Width - margin || pixel.Y > camera.Intrinsics.Height - margin)
            {
                return false;
            }
        }
        else if (inCamera.Z <= 0)
        {
            return false;
        }

        if (options.TagNormalInTool is not { } normal)
        {
            return true;
        }

        Vector3D outward = tool.Orientation.Rotate(normal.Normalized());
        Vector3D towardsCamera = (cameraPose.Position - tool.Position).Normalized();
        return Vector3D.Dot(outward, towardsCamera) >= minimumCosine;
    }

    private static bool IsPulledTowardsApproach(KinematicChainDescription chain, IReadOnlyList<double> positions, CalibrationPoseGeneratorOptions options)
    {
        if (options.ApproachOffsets is not { } offsets)
        {
            return true;
        }

        Span<double> arms = stackalloc double[offsets.Count];
        GravityMomentArms(chain, positions, arms);
        for (int j = 0; j < arms.Length; j++)
        {
            if (chain.Joints[j].Kind != JointKind.Prismatic && arms[j] * Math.Sign(offsets[j]) < -options.GravityToleranceMeters)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsApart(double[] candidate, List<IReadOnlyList<double>> kept, double minimumDistance)
    {
        double limit = minimumDistance * minimumDistance;
        foreach (IReadOnlyList<double> pose in kept)
        {
            double sum = 0;
            for (int j = 0; j < candidate.Length; j++)
            {
                double d = candidate[j] - pose[j];
                sum += d * d;
            }

            if (sum < limit)
            {
                return false;
            }
        }

        return true;
    }
}
