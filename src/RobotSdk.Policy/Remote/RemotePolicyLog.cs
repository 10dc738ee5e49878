using Microsoft.Extensions.Logging;

namespace RobotSdk.Policy.Remote;

/// <summary>Source-generated log messages of the remote policy client. None is written per successful inference.</summary>
internal static partial class RemotePolicyLog
{
    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Policy server {Server} connected (attempt {Attempt}); metadata keys: {MetadataKeys}")]
    public static partial void Connected(ILogger logger, Uri server, int attempt, string metadataKeys);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Policy server {Server}: connection attempt {Attempt} of {Attempts} failed, retrying in {DelayMs} ms: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, Uri server, int attempt, int attempts, double delayMs, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Policy server {Server}: connection dropped: {Reason}")]
    public static partial void Dropped(ILogger logger, Uri server, string reason);
}
