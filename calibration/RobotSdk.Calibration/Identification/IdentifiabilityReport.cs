namespace RobotSdk.Calibration.Identification;

/// <summary>
/// What the data could and could not determine: the held parameters and what absorbs them, the
/// estimated ones with their uncertainty, and the conditioning of the rest.
/// </summary>
/// <param name="Held">Parameters the data cannot observe, held at nominal.</param>
/// <param name="Estimated">Estimated kinematic parameters with one-sigma uncertainty.</param>
/// <param name="ConditionNumber">Condition number of the column-scaled Jacobian of the estimated parameters at the solution.</param>
/// <param name="WeakestDirection">The least-determined combination of estimated parameters, in words.</param>
/// <param name="Lines">The report in plain language, one finding per line.</param>
public sealed record IdentifiabilityReport(
    IReadOnlyList<HeldParameter> Held,
    IReadOnlyList<EstimatedParameter> Estimated,
    double ConditionNumber,
    string WeakestDirection,
    IReadOnlyList<string> Lines)
{
    /// <summary>The tag-mount prior the solve weighed, or null when the tag's pose was free.</summary>
    public TagMountPrior? TagMountPrior { get; init; }

    /// <summary>
    /// Estimated parameters the images alone could not have determined (they would have been held): the
    /// tag-mount prior pins them, so their uncertainty is about the prior's. Empty without a prior.
    /// </summary>
    public IReadOnlyList<KinematicParameter> DeterminedByTagMountPrior { get; init; } = [];

    /// <summary>How far the solved tag centre is from the prior's, metres; null without a prior.</summary>
    public double? TagMountPositionFromPriorMeters { get; init; }

    /// <summary>How far the solved tag orientation is turned from the prior's, degrees; null without a prior.</summary>
    public double? TagMountRotationFromPriorDegrees { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
