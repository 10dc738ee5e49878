using System.Diagnostics;

namespace RobotSdk.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes; never a fixed sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    // Never set: waiting on it is a poll interval that leaves the (shared, 2-core) machine to others.
    private static readonly ManualResetEventSlim Never = new(false);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static void True(Func<bool> condition, TimeSpan timeout, string what = "the condition")
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            Never.Wait(PollInterval);
        }
    }

    public static void True(Func<bool> condition, string what = "the condition") => True(condition, DefaultTimeout, what);

    /// <summary>The same for async tests, which must not block a thread-pool thread while they poll.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what = "the condition")
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what = "the condition") => TrueAsync(condition, DefaultTimeout, what);
}
