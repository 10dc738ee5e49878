using System.Diagnostics;
using RobotSdk.Transports;

namespace RobotSdk.Emulation;

/// <summary>
/// How long a classic CAN 2.0 frame occupies the bus: the exact bit count of the frame as a
/// controller sends it (ISO 11898-1), stuff bits included, plus the 3-bit intermission, so
/// emulators can model wire time and benchmarks can compare against it.
/// </summary>
/// <remarks>
/// Stuffed part: SOF, arbitration field, control field, data and the 15-bit CRC (polynomial
/// 0x4599); after five equal bits the sender inserts one of the opposite value. Unstuffed tail:
/// CRC delimiter, ACK slot, ACK delimiter, 7-bit end of frame and 3-bit intermission (13 bits).
/// A standard frame with 8 data bytes therefore takes 111 bits without stuff bits and at most
/// 135 with them: 111 to 135 us at 1 Mbit/s.
/// </remarks>
public static class CanWireTime
{
    /// <summary>Bits after the CRC that are never stuffed: CRC delimiter, ACK slot and delimiter, EOF, intermission.</summary>
    public const int UnstuffedTailBits = 1 + 1 + 1 + 7 + 3;

    private const int CrcPolynomial = 0x4599;

    /// <summary>Bits <paramref name="frame"/> occupies on the wire, stuff bits and intermission included.</summary>
    /// <param name="frame">A data or remote frame (an error frame is counted like a data frame of its length).</param>
    /// <returns>The bit count.</returns>
    public static int FrameBits(in CanFrame frame)
    {
        // At most 1 + 32 + 6 + 64 + 15 = 118 bits before the CRC delimiter.
        Span<byte> bits = stackalloc byte[128];
        int count = 0;
        Append(bits, ref count, 0, 1); // SOF (dominant)
        if (frame.IsExtended)
        {
            Append(bits, ref count, frame.Id >> 18, 11);
            Append(bits, ref count, 1, 1); // SRR (recessive)
            Append(bits, ref count, 1, 1); // IDE (recessive: extended)
            Append(bits, ref count, frame.Id & 0x3FFFF, 18);
            Append(bits, ref count, frame.IsRemote ? 1u : 0u, 1); // RTR
            Append(bits, ref count, 0, 2); // r1, r0
        }
        else
        {
            Append(bits, ref count, frame.Id, 11);
            Append(bits, ref count, frame.IsRemote ? 1u : 0u, 1); // RTR
            Append(bits, ref count, 0, 2); // IDE (dominant: standard), r0
        }

        Append(bits, ref count, frame.Length, 4);
        foreach (byte value in frame.Data)
        {
            Append(bits, ref count, value, 8);
        }

        Append(bits, ref count, Crc15(bits[..count]), 15);
        return count + CountStuffBits(bits[..count]) + UnstuffedTailBits;
    }

    /// <summary>Stopwatch ticks <paramref name="frame"/> occupies at <paramref name="bitrate"/> bit/s.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="bitrate">Bits per second, positive.</param>
    /// <returns>The duration in <see cref="Stopwatch"/> ticks.</returns>
    public static long FrameTicks(in CanFrame frame, int bitrate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitrate);
        return FrameBits(frame) * Stopwatch.Frequency / bitrate;
    }

    private static void Append(Span<byte> bits, ref int count, uint value, int width)
    {
        for (int shift = width - 1; shift >= 0; shift--)
        {
            bits[count++] = (byte)((value >> shift) & 1);
        }
    }

    private static uint Crc15(ReadOnlySpan<byte> bits)
    {
        int crc = 0;
        foreach (byte bit in bits)
        {
            int feedback = bit ^ ((crc >> 14) & 1);
            crc = (crc << 1) & 0x7FFF;
            if (feedback != 0)
            {
                crc ^= CrcPolynomial;
            }
        }

        return (uint)crc;
    }

    private static int CountStuffBits(ReadOnlySpan<byte> bits)
    {
        int stuffed = 0;
        int run = 0;
        int previous = -1;
        foreach (byte bit in bits)
        {
            if (bit == previous)
            {
                run++;
            }
            else
            {
                previous = bit;
                run = 1;
            }

            if (run == 5)
            {
                // The inserted bit is the complement and starts the next run.
                stuffed++;
                previous ^= 1;
                run = 1;
            }
        }

        return stuffed;
    }
}
