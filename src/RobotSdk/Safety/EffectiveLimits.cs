namespace RobotSdk.Safety;

/// <summary>Combines a robot's hardware limits with a profile's narrower overrides.</summary>
public static class EffectiveLimits
{
    /// <summary>
    /// Returns each joint's limits after applying <paramref name="safety"/>'s overrides, and
    /// every contradiction found (unknown joint, Min ≥ Max, an override wider than the
    /// hardware allows, a non-positive speed). The limits are only meaningful when no
    /// problem is reported.
    /// </summary>
    public static JointLimits[] Compute(RobotDescription description, SafetyOptions safety, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(safety);
        var found = new List<string>();
        var limits = new JointLimits[description.Joints.Count];
        for (int i = 0; i < limits.Length; i++)
        {
            limits[i] = description.Joints[i].Limits;
        }

        foreach ((string jointName, JointLimitOverride limit) in safety.JointLimits)
        {
            int index = description.IndexOf(jointName);
            if (index < 0)
            {
                found.Add($"JointLimits:{jointName}: '{jointName}' is not a joint of model '{description.Model}' (joints: {string.Join(", ", description.Joints.Select(j => j.Name))})");
                continue;
            }

            JointLimits hardware = limits[index];
            JointLimits narrowed = hardware with
            {
                MinPosition = limit.Min ?? hardware.MinPosition,
                MaxPosition = limit.Max ?? hardware.MaxPosition,
                MaxVelocity = limit.MaxVelocity ?? hardware.MaxVelocity,
                MaxAcceleration = limit.MaxAcceleration ?? hardware.MaxAcceleration,
            };
            string prefix = $"JointLimits:{jointName}";
            if (!(narrowed.MinPosition < narrowed.MaxPosition))
            {
                found.Add(FormattableString.Invariant($"{prefix}: Min {narrowed.MinPosition} must be less than Max {narrowed.MaxPosition}"));
            }

            if (!(narrowed.MaxVelocity > 0))
            {
                found.Add(FormattableString.Invariant($"{prefix}:MaxVelocity {narrowed.MaxVelocity} must be positive"));
            }

            if (!(narrowed.MaxAcceleration > 0))
            {
                found.Add(FormattableString.Invariant($"{prefix}:MaxAcceleration {narrowed.MaxAcceleration} must be positive"));
            }

            AddIfWider(found, $"{prefix}:Min", limit.Min, hardware.MinPosition, below: true);
            AddIfWider(found, $"{prefix}:Max", limit.Max, hardware.MaxPosition, below: false);
            AddIfWider(found, $"{prefix}:MaxVelocity", limit.MaxVelocity, hardware.MaxVelocity, below: false);
            AddIfWider(found, $"{prefix}:MaxAcceleration", limit.MaxAcceleration, hardware.MaxAcceleration, below: false);
            limits[index] = narrowed;
        }

        problems = found;
        return limits;
    }

    private static void AddIfWider(List<string> problems, string field, double? value, double hardware, bool below)
    {
        if (value is { } v && (below ? v < hardware : v > hardware))
        {
            problems.Add(FormattableString.Invariant($"{field} {v} is outside the hardware limit {hardware}; a profile may only narrow limits"));
        }
    }
}
