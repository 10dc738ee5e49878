namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Conversions between STS register values and SI units, in one place.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Position: 4096 counts per turn; count 2048 is 0 rad (the centre of the 0..4095 single-turn
/// range, where a calibrated SO-100/SO-101 joint sits at its middle), counts grow with the angle.</item>
/// <item>Speed: counts per second (50 counts/s = 0.732 RPM, Feetech's speed unit); 0 rad/s is 0.</item>
/// <item>Current: 6.5 mA per unit (Feetech's STS memory table, "Current" unit 6.5 mA, as community
/// STS3215 drivers use it).</item>
/// <item>Load: 0.1 % of maximum torque per unit (1000 = 100 %).</item>
/// <item>Voltage: 0.1 V per unit; temperature: degrees Celsius, unscaled.</item>
/// <item>Return delay: 2 us per unit.</item>
/// </list>
/// </remarks>
public static class StsUnits
{
    /// <summary>Encoder counts per turn.</summary>
    public const int CountsPerTurn = 4096;

    /// <summary>The count that is 0 rad.</summary>
    public const int CenterCounts = 2048;

    /// <summary>Amperes per current unit (6.5 mA).</summary>
    public const double AmperesPerCurrentUnit = 0.0065;

    /// <summary>Volts per voltage unit (0.1 V).</summary>
    public const double VoltsPerVoltageUnit = 0.1;

    /// <summary>Fraction of maximum torque per load unit (0.1 %).</summary>
    public const double TorqueFractionPerLoadUnit = 0.001;

    /// <summary>Microseconds per return delay unit.</summary>
    public const int MicrosecondsPerReturnDelayUnit = 2;

    private const double RadiansPerCount = 2 * Math.PI / CountsPerTurn;

    /// <summary>Position counts to radians: (counts - 2048) * 2 pi / 4096.</summary>
    public static double CountsToRadians(int counts) => (counts - CenterCounts) * RadiansPerCount;

    /// <summary>Radians to the nearest position count: 2048 + radians * 4096 / (2 pi).</summary>
    public static int RadiansToCounts(double radians) => CenterCounts + (int)Math.Round(radians / RadiansPerCount);

    /// <summary>Speed in counts per second to rad/s.</summary>
    public static double CountsPerSecondToRadiansPerSecond(int countsPerSecond) => countsPerSecond * RadiansPerCount;

    /// <summary>Speed in rad/s to the nearest count per second.</summary>
    public static int RadiansPerSecondToCountsPerSecond(double radiansPerSecond) => (int)Math.Round(radiansPerSecond / RadiansPerCount);

    /// <summary>Current register units to amperes (6.5 mA per unit).</summary>
    public static double CurrentToAmperes(int units) => units * AmperesPerCurrentUnit;

    /// <summary>Amperes to the nearest current unit.</summary>
    public static int AmperesToCurrent(double amperes) => (int)Math.Round(amperes / AmperesPerCurrentUnit);

    /// <summary>Load register units to a signed fraction of maximum torque (1000 = 1.0).</summary>
    public static double LoadToTorqueFraction(int units) => units * TorqueFractionPerLoadUnit;

    /// <summary>A signed fraction of maximum torque to the nearest load unit.</summary>
    public static int TorqueFractionToLoad(double fraction) => (int)Math.Round(fraction / TorqueFractionPerLoadUnit);

    /// <summary>Voltage register units to volts (0.1 V per unit).</summary>
    public static double VoltageToVolts(int units) => units * VoltsPerVoltageUnit;

    /// <summary>Volts to the nearest voltage unit.</summary>
    public static int VoltsToVoltage(double volts) => (int)Math.Round(volts / VoltsPerVoltageUnit);

    /// <summary>Return delay register units to microseconds (2 us per unit).</summary>
    public static int ReturnDelayToMicroseconds(int units) => units * MicrosecondsPerReturnDelayUnit;

    /// <summary>
    /// The line rate of a baud rate code (address 6), per Feetech's SDK (<c>SMS_STS.h</c>: 0 = 1M,
    /// 1 = 500k, 2 = 250k, 3 = 128k, 4 = 115200, 5 = 76800, 6 = 57600, 7 = 38400). LeRobot's table
    /// differs for codes 5 to 7 (57600, 38400, 19200); this SDK follows the manufacturer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not 0 to 7.</exception>
    public static int BaudRateFromCode(int code) => code switch
    {
        0 => 1_000_000,
        1 => 500_000,
        2 => 250_000,
        3 => 128_000,
        4 => 115_200,
        5 => 76_800,
        6 => 57_600,
        7 => 38_400,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "STS baud rate codes range from 0 to 7."),
    };

    /// <summary>The baud rate code of a line rate; the inverse of <see cref="BaudRateFromCode"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">STS servos have no code for that rate.</exception>
    public static int CodeFromBaudRate(int baudRate)
    {
        for (int code = 0; code <= 7; code++)
        {
            if (BaudRateFromCode(code) == baudRate)
            {
                return code;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "STS servos support 1000000, 500000, 250000, 128000, 115200, 76800, 57600 and 38400 baud.");
    }
}
