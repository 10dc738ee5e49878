namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// Conversions between the myCobot protocol's values and SI units, in one place.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Angles: int16 degrees x 100 (0.01 degree steps, +-327.67 degrees). Conversions to the
/// protocol round to the nearest step (pymycobot's <c>int(angle * 100)</c> truncates toward zero, so
/// values may differ from pymycobot's by one step) and saturate at the int16 range.</item>
/// <item>Positions (Get/Send Coords x, y, z): int16 millimetres x 10.</item>
/// <item>Gripper: 0 (closed) to 100 (open); the open fraction is value / 100. Elephant's gripper
/// calibration script says a calibrated gripper opened to its maximum reads close to 100
/// (pymycobot <c>demo/gripper_set.py</c>).</item>
/// </list>
/// </remarks>
public static class MyCobotUnits
{
    /// <summary>Protocol steps per degree.</summary>
    public const double StepsPerDegree = 100;

    /// <summary>Protocol steps per millimetre.</summary>
    public const double StepsPerMillimetre = 10;

    /// <summary>Degrees (as floating point) to protocol steps, rounded to the nearest and saturated.</summary>
    public static short DegreesToSteps(double degrees) => Saturate(degrees * StepsPerDegree);

    /// <summary>Protocol steps to degrees.</summary>
    public static double StepsToDegrees(short steps) => steps / StepsPerDegree;

    /// <summary>Radians to protocol steps (degrees x 100), rounded to the nearest and saturated.</summary>
    public static short RadiansToSteps(double radians) => DegreesToSteps(RadiansToDegrees(radians));

    /// <summary>Protocol steps (degrees x 100) to radians.</summary>
    public static double StepsToRadians(short steps) => DegreesToRadians(StepsToDegrees(steps));

    /// <summary>Degrees to radians.</summary>
    public static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;

    /// <summary>Radians to degrees.</summary>
    public static double RadiansToDegrees(double radians) => radians * 180 / Math.PI;

    /// <summary>Metres to protocol position steps (millimetres x 10), rounded to the nearest and saturated.</summary>
    public static short MetresToSteps(double metres) => Saturate(metres * 1000 * StepsPerMillimetre);

    /// <summary>Protocol position steps (millimetres x 10) to metres.</summary>
    public static double StepsToMetres(short steps) => steps / StepsPerMillimetre / 1000;

    /// <summary>A gripper value (0 closed to 100 open; values outside are clamped) to an open fraction 0..1.</summary>
    public static double GripperValueToOpenFraction(int value) => Math.Clamp(value, 0, MyCobotProtocol.MaxGripperValue) / (double)MyCobotProtocol.MaxGripperValue;

    /// <summary>An open fraction (clamped to 0..1) to the nearest gripper value 0..100.</summary>
    public static int OpenFractionToGripperValue(double openFraction) =>
        (int)Math.Round(Math.Clamp(openFraction, 0, 1) * MyCobotProtocol.MaxGripperValue, MidpointRounding.AwayFromZero);

    private static short Saturate(double steps) =>
        (short)Math.Clamp(Math.Round(steps, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
}
