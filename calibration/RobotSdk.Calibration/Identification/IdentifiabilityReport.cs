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
    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
