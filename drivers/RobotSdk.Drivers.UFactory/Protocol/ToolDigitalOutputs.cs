namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// The tool board's digital output register (<c>DIGITAL_OUT</c>, 0x0A15, written with
/// <see cref="XArmFunction.ToolRegisterWrite"/> to host 9): each write names the outputs it
/// changes in a mask and their new levels in the low bits, so one output changes without
/// touching the others.
/// </summary>
/// <remarks>
/// Bit layout from xArm-Python-SDK <c>UxbusCmd.tgpio_set_digital</c> (its <c>ionum</c> 1..5 is the
/// public API's output 0..4): output 0 mask 0x0100 level 0x0001, output 1 0x0200/0x0002,
/// output 2 0x1000/0x0010, output 3 0x0400/0x0004, output 4 0x0800/0x0008.
/// </remarks>
public static class ToolDigitalOutputs
{
    /// <summary>The register address (<c>XCONF.ServoConf.DIGITAL_OUT</c>).</summary>
    public const ushort Register = 0x0A15;

    /// <summary>Outputs 0..4.</summary>
    public const int Count = 5;

    private static ReadOnlySpan<ushort> Masks => [0x0100, 0x0200, 0x1000, 0x0400, 0x0800];

    private static ReadOnlySpan<ushort> Levels => [0x0001, 0x0002, 0x0010, 0x0004, 0x0008];

    /// <summary>The register value that sets output <paramref name="output"/> (0..4) to <paramref name="on"/> and leaves the others alone.</summary>
    public static ushort Encode(int output, bool on)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, Count);
        return (ushort)(Masks[output] | (on ? Levels[output] : 0));
    }

    /// <summary>Applies a register value to the current output levels (bit i = output i), as the tool board does.</summary>
    public static int Apply(int levels, ushort value)
    {
        for (int output = 0; output < Count; output++)
        {
            if ((value & Masks[output]) != 0)
            {
                levels = (value & Levels[output]) != 0 ? levels | (1 << output) : levels & ~(1 << output);
            }
        }

        return levels;
    }
}
