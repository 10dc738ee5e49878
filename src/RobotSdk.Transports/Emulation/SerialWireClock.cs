using System.Diagnostics;

namespace RobotSdk.Emulation;

/// <summary>
/// Timing of a serial link for device emulators, in Stopwatch ticks: 10 bits per byte on the wire
/// (start, 8 data, stop) at the client's baud rate, and waits precise to a few microseconds (sleep
/// while far, spin when near), so an emulator over a pseudo-terminal answers when real hardware would.
/// </summary>
public static class SerialWireClock
{
    /// <summary>Bits one byte takes on an 8N1 serial line: start, 8 data, stop.</summary>
    public const int BitsPerByte = 10;

    /// <summary>Ticks that <paramref name="bytes"/> take on the wire at <paramref name="baudRate"/>.</summary>
    /// <param name="bytes">How many bytes.</param>
    /// <param name="baudRate">Bits per second.</param>
    /// <returns>Stopwatch ticks.</returns>
    public static long WireTicks(int bytes, int baudRate) => bytes * (long)BitsPerByte * Stopwatch.Frequency / baudRate;

    /// <summary>Stopwatch ticks in <paramref name="duration"/>.</summary>
    /// <param name="duration">A duration.</param>
    /// <returns>Stopwatch ticks.</returns>
    public static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Waits until the Stopwatch reaches <paramref name="timestamp"/>: sleeps while more than 2 ms away, then spins.</summary>
    /// <param name="timestamp">A <see cref="Stopwatch.GetTimestamp"/> value.</param>
    public static void WaitUntil(long timestamp)
    {
        long sleepThreshold = Stopwatch.Frequency / 500;
        while (true)
        {
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > sleepThreshold)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(10);
            }
        }
    }
}
