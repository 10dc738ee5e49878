namespace RobotSdk.Transports;

/// <summary>
/// The standard CAN bitrates, in the order of the SLCAN <c>S0</c> to <c>S8</c> commands.
/// S7 is 750 kbit/s as in python-can and CANable firmware (Lawicel's original table said 800k).
/// </summary>
internal static class CanBitrates
{
    /// <summary>Supported bitrates; the index is the SLCAN setup digit.</summary>
    public static readonly int[] Supported = [10000, 20000, 50000, 100000, 125000, 250000, 500000, 750000, 1000000];

    /// <summary>The SLCAN setup digit for a bitrate, or throws <see cref="ArgumentOutOfRangeException"/> listing the supported ones.</summary>
    public static int GetSlcanIndex(int bitrate, string parameterName)
    {
        int index = Array.IndexOf(Supported, bitrate);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(
                parameterName, bitrate, $"CAN bitrate {bitrate} is not supported; use one of {string.Join(", ", Supported)}.");
        }

        return index;
    }
}
