using System.Diagnostics;

namespace RobotSdk.Drivers.Elephant.Emulation;

/// <summary>
/// Serial timing in Stopwatch ticks: 10 bits per byte on the wire (start, 8 data, stop), and waits
/// precise to a few microseconds (sleep while far, spin when near).
/// </summary>
internal static class WireTiming
{
    /// <summary>Ticks that <paramref name="bytes"/> take on the wire at <paramref name="baudRate"/>.</summary>
    public static long WireTicks(int bytes, int baudRate) => bytes * 10L * Stopwatch.Frequency / baudRate;

    /// <summary>Ticks in <paramref name="duration"/>.</summary>
    public static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Waits until the Stopwatch reaches <paramref name="timestamp"/>: sleeps while more than 2 ms away, then spins.</summary>
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
