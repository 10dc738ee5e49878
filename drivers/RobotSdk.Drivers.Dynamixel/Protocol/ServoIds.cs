namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Special values of the ID byte.</summary>
public static class ServoIds
{
    /// <summary>The highest ID a servo may have (IDs run 0 to 252).</summary>
    public const byte MaxServoId = 252;

    /// <summary>The broadcast ID (0xFE): every servo executes the packet; none answers except to Ping and reads.</summary>
    public const byte Broadcast = 0xFE;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="id"/> is a single servo's ID (0 to 252).</summary>
    /// <param name="id">The ID to check.</param>
    /// <param name="parameterName">Name of the caller's parameter.</param>
    public static void ThrowIfNotServoId(byte id, string parameterName)
    {
        if (id > MaxServoId)
        {
            throw new ArgumentOutOfRangeException(parameterName, id, $"A servo ID is 0 to {MaxServoId}; {id} is not.");
        }
    }
}
