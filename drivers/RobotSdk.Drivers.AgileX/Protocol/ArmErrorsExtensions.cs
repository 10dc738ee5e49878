using System.Globalization;
using System.Text;

namespace RobotSdk.Drivers.AgileX;

/// <summary>What an <see cref="ArmErrors"/> code means.</summary>
public static class ArmErrorsExtensions
{
    /// <summary>
    /// Whether the code stops the driver: a joint that does not communicate. A joint beyond its
    /// angle limit is not a fault by itself (it happens at rest, for example joint 2 a little
    /// below 0 degrees); the driver counts it and keeps going.
    /// </summary>
    public static bool IsFault(this ArmErrors errors) => (errors & ArmErrors.AnyCommunicationError) != 0;

    /// <summary>The lowest joint number (1 to 6) that <paramref name="errors"/> flags, communication errors first, or null.</summary>
    public static int? FirstJoint(this ArmErrors errors)
    {
        for (int joint = 0; joint < PiperCanIds.ArmJointCount; joint++)
        {
            if (((int)errors & (1 << joint)) != 0)
            {
                return joint + 1;
            }
        }

        for (int joint = 0; joint < PiperCanIds.ArmJointCount; joint++)
        {
            if (((int)errors & (1 << (joint + 8))) != 0)
            {
                return joint + 1;
            }
        }

        return null;
    }

    /// <summary>The code in words, for example <c>joint 3 communication error, joint 2 beyond its angle limit</c>; <c>none</c> when empty.</summary>
    public static string Describe(this ArmErrors errors)
    {
        if (errors == ArmErrors.None)
        {
            return "none";
        }

        var text = new StringBuilder();
        for (int joint = 0; joint < PiperCanIds.ArmJointCount; joint++)
        {
            if (((int)errors & (1 << joint)) != 0)
            {
                Append(text, string.Create(CultureInfo.InvariantCulture, $"joint {joint + 1} communication error"));
            }
        }

        for (int joint = 0; joint < PiperCanIds.ArmJointCount; joint++)
        {
            if (((int)errors & (1 << (joint + 8))) != 0)
            {
                Append(text, string.Create(CultureInfo.InvariantCulture, $"joint {joint + 1} beyond its angle limit"));
            }
        }

        int unknown = (int)errors & ~(int)(ArmErrors.AnyCommunicationError | ArmErrors.AnyAngleLimit);
        if (unknown != 0)
        {
            Append(text, string.Create(CultureInfo.InvariantCulture, $"reserved bits 0x{unknown:X4}"));
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string part)
    {
        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(part);
    }
}
