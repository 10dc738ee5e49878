namespace RobotSdk.Calibration.Identification;

/// <summary>
/// Turns calibration poses into waypoints that reach every pose from the same side on every joint:
/// first a pre-pose displaced by a fixed signed offset per joint, then the pose. Gear backlash then
/// always rests against the same flank, so it becomes a constant that the zero offsets absorb instead
/// of noise of up to its full width.
/// </summary>
public static class ApproachSequence
{
    /// <summary>Builds the waypoints: pre-pose 0, pose 0, pre-pose 1, pose 1, and so on.</summary>
    /// <param name="poses">Target joint positions of each pose.</param>
    /// <param name="preOffsets">
    /// Per joint, where the pre-pose lies relative to the pose (pre-pose = pose + offset), radians or
    /// metres; nonzero, and larger than the backlash. A negative offset approaches from below.
    /// </param>
    /// <param name="limits">Optional joint limits: pre-poses are clamped into them, and a pose too near the limit on the approach side to be approached by at least half the offset is refused.</param>
    /// <exception cref="ArgumentException">Counts that do not match, non-finite or zero values, or a pose that cannot be approached from the chosen side.</exception>
    public static IReadOnlyList<ApproachWaypoint> Create(IReadOnlyList<IReadOnlyList<double>> poses, IReadOnlyList<double> preOffsets, IReadOnlyList<JointLimits>? limits = null)
    {
        ArgumentNullException.ThrowIfNull(poses);
        ArgumentNullException.ThrowIfNull(preOffsets);
        int n = preOffsets.Count;
        for (int j = 0; j < n; j++)
        {
            if (!double.IsFinite(preOffsets[j]) || preOffsets[j] == 0)
            {
                throw new ArgumentException($"The pre-pose offset of joint {j} must be finite and nonzero; got {preOffsets[j]}.", nameof(preOffsets));
            }
        }

        if (limits is not null && limits.Count != n)
        {
            throw new ArgumentException($"Got {limits.Count} joint limits for {n} joints.", nameof(limits));
        }

        var waypoints = new List<ApproachWaypoint>(2 * poses.Count);
        for (int i = 0; i < poses.Count; i++)
        {
            IReadOnlyList<double> pose = poses[i] ?? throw new ArgumentException($"Pose {i} is null.", nameof(poses));
            if (pose.Count != n)
            {
                throw new ArgumentException($"Pose {i} has {pose.Count} joint positions; the offsets name {n} joints.", nameof(poses));
            }

            var target = new double[n];
            var pre = new double[n];
            for (int j = 0; j < n; j++)
            {
                double value = pose[j];
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"Pose {i}, joint {j} position is not finite ({value}).", nameof(poses));
                }

                target[j] = value;
                pre[j] = value + preOffsets[j];
                if (limits is not null)
                {
                    JointLimits limit = limits[j];
                    if (value < limit.MinPosition || value > limit.MaxPosition)
                    {
                        throw new ArgumentException($"Pose {i}, joint {j} position {value} lies outside its limits [{limit.MinPosition}, {limit.MaxPosition}].", nameof(poses));
                    }

                    pre[j] = Math.Clamp(pre[j], limit.MinPosition, limit.MaxPosition);
                    if (Math.Abs(pre[j] - value) < Math.Abs(preOffsets[j]) / 2)
                    {
                        throw new ArgumentException(
                            $"Pose {i}, joint {j} at {value} is too close to its {(preOffsets[j] < 0 ? "lower" : "upper")} limit to be approached from that side; move the pose at least {Math.Abs(preOffsets[j]) / 2} inwards.",
                            nameof(poses));
                    }
                }
            }

            waypoints.Add(new ApproachWaypoint(pre, i, IsMeasurement: false));
            waypoints.Add(new ApproachWaypoint(target, i, IsMeasurement: true));
        }

        return waypoints;
    }
}
