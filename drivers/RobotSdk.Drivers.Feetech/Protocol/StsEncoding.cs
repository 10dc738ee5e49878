using System.Buffers.Binary;

namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// How STS/SMS servos store numbers: little-endian, one or two bytes, and signed values in
/// SIGN-MAGNITUDE form (not two's complement): the magnitude in the low bits and one sign bit,
/// which depends on the register. Position and speed use bit 15 (-100 is <c>64 80</c>), the
/// homing offset bit 11, the present load bit 10. The one place where register bytes become
/// integers and back.
/// </summary>
/// <remarks>
/// Feetech's SDK does the same with <c>scs_tohost(a, b)</c> / <c>scs_toscs(a, b)</c>
/// (<c>protocol_packet_handler.py</c>, ftservo/FTServo_Python); LeRobot's
/// <c>STS_SMS_SERIES_ENCODINGS_TABLE</c> lists the sign bits. SCS servos are big-endian and are
/// not supported here. A sign-magnitude "-0" decodes as 0.
/// </remarks>
public static class StsEncoding
{
    /// <summary>Largest magnitude a value with sign bit <paramref name="signBit"/> can carry (2^signBit - 1).</summary>
    /// <param name="signBit">Bit index of the sign, 1 to 15.</param>
    public static int MaxMagnitude(int signBit)
    {
        ValidateSignBit(signBit);
        return (1 << signBit) - 1;
    }

    /// <summary>Encodes <paramref name="value"/> as sign-magnitude with its sign at bit <paramref name="signBit"/>.</summary>
    /// <param name="value">The signed value; its magnitude must fit below the sign bit.</param>
    /// <param name="signBit">Bit index of the sign, 1 to 15.</param>
    /// <returns>The raw register value, for example 0x8064 for -100 with sign bit 15.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The magnitude does not fit below the sign bit.</exception>
    public static int ToSignMagnitude(int value, int signBit)
    {
        int max = MaxMagnitude(signBit);
        if (value < -max || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Sign-magnitude values with sign bit {signBit} range from {-max} to {max}.");
        }

        return value < 0 ? (-value) | (1 << signBit) : value;
    }

    /// <summary>Decodes a sign-magnitude raw value; bits above the sign bit are ignored.</summary>
    /// <param name="raw">The raw register value.</param>
    /// <param name="signBit">Bit index of the sign, 1 to 15.</param>
    public static int FromSignMagnitude(int raw, int signBit)
    {
        int magnitude = raw & MaxMagnitude(signBit);
        return (raw & (1 << signBit)) != 0 ? -magnitude : magnitude;
    }

    /// <summary>Reads a register value of <paramref name="size"/> bytes (1 or 2), little-endian, signed when <paramref name="signBit"/> is given.</summary>
    /// <param name="source">At least <paramref name="size"/> bytes.</param>
    /// <param name="size">1 or 2.</param>
    /// <param name="signBit">Sign bit of a sign-magnitude value, or null for unsigned.</param>
    public static int Decode(ReadOnlySpan<byte> source, int size, int? signBit)
    {
        int raw = size switch
        {
            1 => source[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(source),
            _ => throw new ArgumentOutOfRangeException(nameof(size), size, "STS registers are 1 or 2 bytes."),
        };
        return signBit is { } bit ? FromSignMagnitude(raw, bit) : raw;
    }

    /// <summary>Writes a register value of <paramref name="size"/> bytes (1 or 2), little-endian, sign-magnitude when <paramref name="signBit"/> is given.</summary>
    /// <param name="value">The value; out of range throws.</param>
    /// <param name="destination">At least <paramref name="size"/> bytes.</param>
    /// <param name="size">1 or 2.</param>
    /// <param name="signBit">Sign bit of a sign-magnitude value, or null for unsigned.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit.</exception>
    public static void Encode(int value, Span<byte> destination, int size, int? signBit)
    {
        int raw = signBit is { } bit ? ToSignMagnitude(value, bit) : value;
        int max = size switch
        {
            1 => byte.MaxValue,
            2 => ushort.MaxValue,
            _ => throw new ArgumentOutOfRangeException(nameof(size), size, "STS registers are 1 or 2 bytes."),
        };
        if (raw < 0 || raw > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"An unsigned {size}-byte value ranges from 0 to {max}.");
        }

        if (size == 1)
        {
            destination[0] = (byte)raw;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)raw);
        }
    }

    private static void ValidateSignBit(int signBit)
    {
        if (signBit is < 1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(signBit), signBit, "A sign bit ranges from 1 to 15.");
        }
    }
}
