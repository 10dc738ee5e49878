namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The one place where X-series register values become SI units and back.
/// </summary>
/// <remarks>
/// <para>
/// Position: 4096 counts per turn (0.088° per count). <b>Centre convention:</b> count 2048,
/// the middle of the single-turn range 0 to 4095, is 0 rad; 0 is −π and 4096 is +π. Arm
/// drivers add their calibration (direction, offset) on top, in radians.
/// </para>
/// <para>Velocity: 0.229 rev/min per count (e-Manual "Present Velocity", every X-series model).</para>
/// <para>
/// Current: per model (<see cref="ServoModel.CurrentUnitAmperes"/>): about 1 mA per count on
/// XL330 (https://emanual.robotis.com/docs/en/dxl/x/xl330-m288/#current-limit), about 2.69 mA
/// on XM430-W350 and XM540-W270 (https://emanual.robotis.com/docs/en/dxl/x/xm430-w350/#current-limit).
/// XL430-W250 and XC430-W150 measure no current: their address 126 holds Present Load in 0.1 %
/// of the maximum torque, and their current reads as NaN.
/// </para>
/// </remarks>
public static class ServoUnits
{
    /// <summary>Encoder counts per turn.</summary>
    public const int CountsPerRevolution = 4096;

    /// <summary>The count that means 0 rad.</summary>
    public const int CentreCount = 2048;

    /// <summary>rev/min per velocity count.</summary>
    public const double VelocityUnitRpm = 0.229;

    /// <summary>Percent of maximum torque per Present Load count (XL430-W250, XC430-W150).</summary>
    public const double LoadUnitPercent = 0.1;

    /// <summary>Radians per position count (2π / 4096).</summary>
    public const double RadiansPerCount = 2 * Math.PI / CountsPerRevolution;

    /// <summary>rad/s per velocity count (0.229 × 2π / 60).</summary>
    public const double RadiansPerSecondPerVelocityUnit = VelocityUnitRpm * 2 * Math.PI / 60;

    /// <summary>Position counts to radians (2048 is 0 rad).</summary>
    /// <param name="counts">Present or Goal Position.</param>
    /// <returns>Radians.</returns>
    public static double PositionToRadians(int counts) => (counts - CentreCount) * RadiansPerCount;

    /// <summary>Radians to the nearest position count (0 rad is 2048).</summary>
    /// <param name="radians">An angle; finite.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The angle is not finite or beyond ±262,000 turns.</exception>
    public static int RadiansToPosition(double radians) => CentreCount + ToCount(radians / RadiansPerCount, radians, nameof(radians));

    /// <summary>Velocity counts to rad/s.</summary>
    /// <param name="units">Present or Goal Velocity.</param>
    /// <returns>rad/s.</returns>
    public static double VelocityToRadiansPerSecond(int units) => units * RadiansPerSecondPerVelocityUnit;

    /// <summary>rad/s to the nearest velocity count.</summary>
    /// <param name="radiansPerSecond">A speed; finite.</param>
    /// <returns>The count.</returns>
    public static int RadiansPerSecondToVelocity(double radiansPerSecond) =>
        ToCount(radiansPerSecond / RadiansPerSecondPerVelocityUnit, radiansPerSecond, nameof(radiansPerSecond));

    /// <summary>Current counts to amperes for <paramref name="model"/>; NaN for models without current sensing.</summary>
    /// <param name="units">Present Current, Goal Current or Current Limit.</param>
    /// <param name="model">The servo model.</param>
    /// <returns>Amperes, or NaN.</returns>
    public static double CurrentToAmperes(int units, ServoModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return units * model.CurrentUnitAmperes;
    }

    /// <summary>Amperes to the nearest current count of <paramref name="model"/>.</summary>
    /// <param name="amperes">A current; finite.</param>
    /// <param name="model">The servo model; must measure current.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">The model has no current registers.</exception>
    public static int AmperesToCurrent(double amperes, ServoModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.HasCurrentSensing)
        {
            throw new ArgumentException($"{model.Name} has no current registers (it reports Present Load instead).", nameof(model));
        }

        return ToCount(amperes / model.CurrentUnitAmperes, amperes, nameof(amperes));
    }

    /// <summary>Present Load counts (XL430-W250, XC430-W150) to percent of the maximum torque.</summary>
    /// <param name="units">Present Load.</param>
    /// <returns>Percent, −100 to 100.</returns>
    public static double LoadToPercent(int units) => units * LoadUnitPercent;

    private static int ToCount(double counts, double value, string parameterName)
    {
        if (!double.IsFinite(counts) || Math.Abs(counts) > 1_000_000_000)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "The value must be finite and within the register's range.");
        }

        return (int)Math.Round(counts, MidpointRounding.AwayFromZero);
    }
}
