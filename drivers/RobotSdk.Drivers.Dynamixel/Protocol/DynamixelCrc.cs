namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The CRC of Dynamixel Protocol 2.0: CRC-16/BUYPASS (polynomial 0x8005, initial value 0,
/// most significant bit first, not reflected, no final xor). Check value for ASCII
/// "123456789" is 0xFEE8. It covers a packet from the first header byte to the last
/// parameter, after byte stuffing, and is sent little-endian.
/// </summary>
public static class DynamixelCrc
{
    private const ushort Polynomial = 0x8005;
    private static readonly ushort[] Table = BuildTable();

    /// <summary>Computes the CRC of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The CRC.</returns>
    public static ushort Compute(ReadOnlySpan<byte> data) => Update(0, data);

    /// <summary>Continues a CRC over more bytes.</summary>
    /// <param name="crc">The CRC of the bytes before <paramref name="data"/> (0 to start).</param>
    /// <param name="data">The next bytes.</param>
    /// <returns>The CRC of everything so far.</returns>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ushort[] table = Table;
        foreach (byte value in data)
        {
            crc = (ushort)((crc << 8) ^ table[((crc >> 8) ^ value) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int index = 0; index < table.Length; index++)
        {
            int crc = index << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ Polynomial : crc << 1;
            }

            table[index] = (ushort)crc;
        }

        return table;
    }
}
