using System.Diagnostics;
using Xunit;

namespace RobotSdk.Testing;

/// <summary>Waits for a condition by polling it against a deadline (never a blind sleep).</summary>
internal static class Poll
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test after <paramref name="timeoutMs"/> (generous: CI machines are shared).</summary>
    public static void Until(Func<bool> condition, string what, int timeoutMs = 10_000)
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
