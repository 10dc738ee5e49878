using System.Diagnostics;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>Waits for a condition by polling it against a deadline (never a blind sleep).</summary>
internal static class Poll
{
    public static void Until(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.ElapsedMilliseconds > timeoutMs)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting for {what}.");
            }

            Thread.Sleep(1);
        }
    }
}
