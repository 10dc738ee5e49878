namespace RobotSdk.Cli.Commands;

/// <summary>
/// A profile's settings for the link to the arm, applied over each driver's defaults: how long
/// to wait for a reply (for the PiPER, for feedback frames) and how many failed control cycles
/// in a row the driver tolerates before it faults. Null keeps the driver's default.
/// </summary>
internal readonly record struct LinkSettings(int? ReplyTimeoutMs, int? MaxConsecutiveFailures);
