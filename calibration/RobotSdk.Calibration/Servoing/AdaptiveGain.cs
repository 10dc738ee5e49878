using System.Globalization;

namespace RobotSdk.Calibration.Servoing;

/// <summary>
/// ViSP's adaptive gain: lambda(x) = (lambda(0) - lambda(inf)) exp(-slope x / (lambda(0) - lambda(inf))) + lambda(inf),
/// with x the infinity norm of the error (metres and radians). Far from the goal the loop takes the
/// cautious <see cref="AtInfinity"/>; near it, the larger <see cref="AtZero"/> makes the last
/// sub-millimetre steps through gear play and static friction shorter.
/// </summary>
/// <remarks>
/// Each iteration moves the commanded tool pose by lambda times the measured error, so the error
/// shrinks by about (1 - lambda) per iteration: lambda in (0, 1] approaches without overshoot, up to 2
/// still converges (overshooting); more diverges.
/// </remarks>
/// <param name="AtZero">lambda(0), the gain at zero error; (0, 2).</param>
/// <param name="AtInfinity">lambda(inf), the gain for large errors; (0, <see cref="AtZero"/>].</param>
/// <param name="SlopeAtZero">lambda'(0) in absolute value, per unit of error norm; 0 or more.</param>
public sealed record AdaptiveGain(double AtZero, double AtInfinity, double SlopeAtZero)
{
    /// <summary>Default: lambda(0) 0.7, lambda(inf) 0.5, slope 20 (at 10 mm of error, about 0.55).</summary>
    public static AdaptiveGain Default { get; } = new(0.7, 0.5, 20);

    /// <summary>A constant gain.</summary>
    /// <param name="gain">The gain, (0, 2).</param>
    public static AdaptiveGain Constant(double gain) => new(gain, gain, 0);

    /// <summary>The gain at an error of infinity norm <paramref name="errorNorm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The norm is negative or not a number.</exception>
    public double At(double errorNorm)
    {
        if (!(errorNorm >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(errorNorm), errorNorm, "The error norm must be 0 or more.");
        }

        double span = AtZero - AtInfinity;
        return span <= 0 ? AtInfinity : (span * Math.Exp(-SlopeAtZero * errorNorm / span)) + AtInfinity;
    }

    /// <summary>Throws when a figure is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A gain is outside (0, 2), lambda(inf) exceeds lambda(0), or the slope is negative.</exception>
    public void Validate()
    {
        if (!(AtZero > 0 && AtZero < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(AtZero), AtZero, Invariant($"lambda(0) must be in (0, 2); it is {AtZero}."));
        }

        if (!(AtInfinity > 0 && AtInfinity <= AtZero))
        {
            throw new ArgumentOutOfRangeException(nameof(AtInfinity), AtInfinity, Invariant($"lambda(inf) must be in (0, lambda(0) = {AtZero}]; it is {AtInfinity}."));
        }

        if (!(SlopeAtZero >= 0) || double.IsInfinity(SlopeAtZero))
        {
            throw new ArgumentOutOfRangeException(nameof(SlopeAtZero), SlopeAtZero, Invariant($"The slope must be a finite number of 0 or more; it is {SlopeAtZero}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
