namespace RobotSdk.Transports;

/// <summary>
/// The standard Linux baud rates from 9600 to 4 Mbps and their <c>Bxxx</c> speed constants
/// (what <c>cfsetospeed</c> takes; for example B1000000 = 0x1008). Rates outside this table
/// need the termios2/BOTHER interface, which no supported arm requires.
/// </summary>
internal static class BaudRates
{
    /// <summary>Supported rates, ascending.</summary>
    public static readonly int[] Supported =
    [
        9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600,
        1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
    ];

    /// <summary>Finds the speed constant for a rate; false when the rate is not in the table.</summary>
    public static bool TryGetSpeedConstant(int baudRate, out uint speedConstant)
    {
        speedConstant = baudRate switch
        {
            9600 => 0xD,
            19200 => 0xE,
            38400 => 0xF,
            57600 => 0x1001,
            115200 => 0x1002,
            230400 => 0x1003,
            460800 => 0x1004,
            500000 => 0x1005,
            576000 => 0x1006,
            921600 => 0x1007,
            1000000 => 0x1008,
            1152000 => 0x1009,
            1500000 => 0x100A,
            2000000 => 0x100B,
            2500000 => 0x100C,
            3000000 => 0x100D,
            3500000 => 0x100E,
            4000000 => 0x100F,
            _ => 0,
        };
        return speedConstant != 0;
    }

    /// <summary>Maps a speed constant back to its rate, or 0 when it is not in the table.</summary>
    public static int FromSpeedConstant(uint speedConstant)
    {
        foreach (int rate in Supported)
        {
            if (TryGetSpeedConstant(rate, out uint constant) && constant == speedConstant)
            {
                return rate;
            }
        }

        return 0;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the value and the supported rates.</summary>
    public static uint ValidateAndGetSpeedConstant(int baudRate, string parameterName)
    {
        if (!TryGetSpeedConstant(baudRate, out uint speedConstant))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                baudRate,
                $"Baud rate {baudRate} is not supported; use one of {string.Join(", ", Supported)}.");
        }

        return speedConstant;
    }
}
