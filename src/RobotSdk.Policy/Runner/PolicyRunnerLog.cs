using Microsoft.Extensions.Logging;

namespace RobotSdk.Policy.Runner;

/// <summary>Source-generated log messages of the policy runner; none is written from the control thread.</summary>
internal static partial class PolicyRunnerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Policy run on {Robot}: {Backend}, {Execution} at {RateHz} Hz (H {ChunkLength}, s {Horizon})")]
    public static partial void Started(ILogger logger, string robot, string backend, ChunkExecution execution, double rateHz, int chunkLength, int horizon);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "policy stalled: {Reason}; holding the last target")]
    public static partial void Stalled(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Switching to the fallback policy {Fallback} after: {Reason}")]
    public static partial void SwitchedToFallback(ILogger logger, string fallback, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "policy stalled: the chunk ran out before the next one arrived (inference {InferenceMs:0.0} ms); held the last target for {HeldSteps} steps so far")]
    public static partial void ChunkRanOut(ILogger logger, double inferenceMs, long heldSteps);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Policy run ended ({StopReason}): {Steps} steps, {Chunks} chunks, {Held} held, max command gap {MaxGapMs:0.0} ms")]
    public static partial void Ended(ILogger logger, PolicyRunStopReason stopReason, long steps, long chunks, long held, double maxGapMs);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "The arm could not be handed back holding after the run")]
    public static partial void HandBackFailed(ILogger logger, Exception exception);
}
