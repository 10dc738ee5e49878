namespace RobotSdk.Calibration;

/// <summary>
/// A nonlinear least-squares problem for <see cref="LevenbergMarquardt"/>: residuals come in
/// groups (one image point: 2 residuals) so a robust loss can weigh a whole point.
/// </summary>
internal interface ILeastSquaresProblem
{
    int ParameterCount { get; }

    int ResidualCount { get; }

    /// <summary>Residuals per robust-loss group (2 for an image point).</summary>
    int GroupSize { get; }

    /// <summary>
    /// How many residuals, from the first, take the robust loss (a multiple of <see cref="GroupSize"/>);
    /// the rest (prior rows, already whitened) are plain squares. Default: all of them.
    /// </summary>
    int RobustResidualCount => ResidualCount;

    /// <summary>Writes the current parameter vector.</summary>
    void GetParameters(Span<double> parameters);

    void Residuals(ReadOnlySpan<double> parameters, Span<double> residuals);

    /// <summary>Row-major ResidualCount x ParameterCount Jacobian.</summary>
    void Jacobian(ReadOnlySpan<double> parameters, Span<double> jacobian);

    /// <summary>
    /// Makes <paramref name="parameters"/> the current point; a problem with local (manifold)
    /// parameters re-centres them here, so callers read them back with <see cref="GetParameters"/>.
    /// </summary>
    void Commit(ReadOnlySpan<double> parameters);
}
