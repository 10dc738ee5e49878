namespace RobotSdk;

/// <summary>
/// Limits of one joint in SI units (radians or metres, per second, per second squared).
/// A limit of <see cref="double.PositiveInfinity"/> means "not limited".
/// </summary>
/// <param name="MinPosition">Lowest allowed position.</param>
/// <param name="MaxPosition">Highest allowed position.</param>
/// <param name="MaxVelocity">Largest allowed speed, positive.</param>
/// <param name="MaxAcceleration">Largest allowed acceleration, positive.</param>
public readonly record struct JointLimits(double MinPosition, double MaxPosition, double MaxVelocity, double MaxAcceleration)
{
    /// <summary>Returns the first contradiction in these limits, or null when they are consistent.</summary>
    public string? FindContradiction()
    {
        if (double.IsNaN(MinPosition) || double.IsNaN(MaxPosition) || double.IsNaN(MaxVelocity) || double.IsNaN(MaxAcceleration))
        {
            return "a limit is NaN";
        }

        if (MinPosition >= MaxPosition)
        {
            return FormattableString.Invariant($"MinPosition {MinPosition} must be less than MaxPosition {MaxPosition}");
        }

        if (MaxVelocity <= 0)
        {
            return FormattableString.Invariant($"MaxVelocity {MaxVelocity} must be positive");
        }

        if (MaxAcceleration <= 0)
        {
            return FormattableString.Invariant($"MaxAcceleration {MaxAcceleration} must be positive");
        }

        return null;
    }

    /// <summary>Whether <paramref name="position"/> lies within the position range.</summary>
    public bool Contains(double position) => position >= MinPosition && position <= MaxPosition;
}
