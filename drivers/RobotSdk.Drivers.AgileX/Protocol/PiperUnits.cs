namespace RobotSdk.Drivers.AgileX;

/// <summary>
/// Every conversion between the PiPER's integer units and SI, in one place. Units from piper_sdk's
/// message definitions (<c>piper_msgs/msg_v2</c>): angles in 0.001 degree, lengths in 0.001 mm
/// (micrometres), torques in 0.001 N·m, speeds in 0.001 rad/s, currents in 0.001 A, voltages in
/// 0.1 V, temperatures in 1 degree Celsius.
/// </summary>
/// <remarks>
/// SI to integer rounds to the nearest integer, ties to even (as Python's <c>round</c>, which
/// piper_sdk and piper_ros use), and saturates at the integer type's range instead of wrapping,
/// so a wild value can never turn into a far target of the opposite sign.
/// </remarks>
public static class PiperUnits
{
    private const double RadiansPerMillidegree = Math.PI / 180_000.0;

    /// <summary>0.001 degree to radians.</summary>
    public static double MillidegreesToRadians(int millidegrees) => millidegrees * RadiansPerMillidegree;

    /// <summary>Radians to 0.001 degree, rounded and saturated to int32.</summary>
    public static int RadiansToMillidegrees(double radians) => SaturateToInt32(radians / RadiansPerMillidegree);

    /// <summary>0.001 mm (micrometres) to metres.</summary>
    public static double MicrometresToMetres(int micrometres) => micrometres * 1e-6;

    /// <summary>Metres to 0.001 mm (micrometres), rounded and saturated to int32.</summary>
    public static int MetresToMicrometres(double metres) => SaturateToInt32(metres * 1e6);

    /// <summary>0.001 N·m to N·m.</summary>
    public static double MilliNewtonMetresToNewtonMetres(int milliNewtonMetres) => milliNewtonMetres * 1e-3;

    /// <summary>N·m to 0.001 N·m, rounded and saturated to int32.</summary>
    public static int NewtonMetresToMilliNewtonMetres(double newtonMetres) => SaturateToInt32(newtonMetres * 1e3);

    /// <summary>0.001 rad/s to rad/s.</summary>
    public static double MilliradiansPerSecondToRadiansPerSecond(int milliradiansPerSecond) => milliradiansPerSecond * 1e-3;

    /// <summary>rad/s to 0.001 rad/s, rounded and saturated to int32.</summary>
    public static int RadiansPerSecondToMilliradiansPerSecond(double radiansPerSecond) => SaturateToInt32(radiansPerSecond * 1e3);

    /// <summary>0.001 A to amperes.</summary>
    public static double MilliamperesToAmperes(int milliamperes) => milliamperes * 1e-3;

    /// <summary>Amperes to 0.001 A, rounded and saturated to int32.</summary>
    public static int AmperesToMilliamperes(double amperes) => SaturateToInt32(amperes * 1e3);

    /// <summary>0.1 V to volts.</summary>
    public static double DecivoltsToVolts(int decivolts) => decivolts * 0.1;

    /// <summary>Volts to 0.1 V, rounded and saturated to int32.</summary>
    public static int VoltsToDecivolts(double volts) => SaturateToInt32(volts * 10);

    /// <summary>Rounds to the nearest integer (ties to even) and saturates at the int32 range; NaN gives 0.</summary>
    public static int SaturateToInt32(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        double rounded = Math.Round(value, MidpointRounding.ToEven);
        return rounded >= int.MaxValue ? int.MaxValue : rounded <= int.MinValue ? int.MinValue : (int)rounded;
    }
}
