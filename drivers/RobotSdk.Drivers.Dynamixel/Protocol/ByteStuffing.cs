namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// Byte stuffing of Protocol 2.0: from the INST byte to the last parameter, every
/// <c>FF FF FD</c> is sent as <c>FF FF FD FD</c>, so a header can never appear inside a
/// packet. Both directions track how many <c>FF</c>s precede the current byte.
/// </summary>
internal static class ByteStuffing
{
    /// <summary>The most bytes stuffing can add to <paramref name="length"/> bytes.</summary>
    public static int MaxGrowth(int length) => (length / 3) + 1;

    /// <summary>Appends <paramref name="source"/> to <paramref name="destination"/> at <paramref name="written"/>, stuffing as it goes.</summary>
    /// <param name="source">The bytes to send.</param>
    /// <param name="destination">The packet being built.</param>
    /// <param name="written">Where to write; advanced past what was written.</param>
    /// <param name="run">Count of trailing FF bytes in the stuffed region so far (0 to 2); carried between calls.</param>
    public static void Stuff(ReadOnlySpan<byte> source, Span<byte> destination, ref int written, ref int run)
    {
        foreach (byte value in source)
        {
            destination[written++] = value;
            if (value == 0xFF)
            {
                run = Math.Min(run + 1, 2);
            }
            else
            {
                if (value == 0xFD && run == 2)
                {
                    destination[written++] = 0xFD;
                }

                run = 0;
            }
        }
    }

    /// <summary>
    /// Removes stuffing from <paramref name="source"/>. The first <c>skipped.Length</c> output
    /// bytes go to <paramref name="skipped"/>, the rest to <paramref name="destination"/>.
    /// </summary>
    /// <returns>The number of bytes written to <paramref name="destination"/>.</returns>
    public static int Unstuff(ReadOnlySpan<byte> source, Span<byte> skipped, Span<byte> destination)
    {
        int skip = skipped.Length;
        int output = 0;
        int run = 0;
        for (int index = 0; index < source.Length; index++)
        {
            byte value = source[index];
            if (output < skip)
            {
                skipped[output] = value;
            }
            else
            {
                destination[output - skip] = value;
            }

            output++;
            if (value == 0xFF)
            {
                run = Math.Min(run + 1, 2);
                continue;
            }

            if (value == 0xFD && run == 2 && index + 1 < source.Length && source[index + 1] == 0xFD)
            {
                index++;
            }

            run = 0;
        }

        return Math.Max(0, output - skip);
    }
}
