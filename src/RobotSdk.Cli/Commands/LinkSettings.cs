using System.CommandLine;

namespace RobotSdk.Cli.Commands;

/// <summary>
/// A profile's (or the real-arm commands') settings for the link to the arm, applied over each
/// driver's defaults: how long to wait for a reply (for the PiPER, for feedback frames) and how many
/// failed control cycles in a row the driver tolerates before it faults. Null keeps the driver's default.
/// </summary>
internal readonly record struct LinkSettings(int? ReplyTimeoutMs, int? MaxConsecutiveFailures)
{
    /// <summary>The options <c>robot run</c> and <c>robot calibrate</c> take for a real arm, as a profile's keys of the same names.</summary>
    public static (Option<int?> ReplyTimeoutMs, Option<int?> MaxConsecutiveFailures) CreateOptions() =>
        (new Option<int?>("--reply-timeout-ms") { Description = "A real arm: how long the driver waits for each reply, ms (default: the driver's); raise it for a slow USB adapter or an emulated arm on a busy machine." },
         new Option<int?>("--max-consecutive-failures") { Description = "A real arm: failed control cycles in a row before the driver faults and turns torque off (default 3)." });
}
