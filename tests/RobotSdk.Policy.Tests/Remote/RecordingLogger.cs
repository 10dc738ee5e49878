using Microsoft.Extensions.Logging;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Tests.Remote;

/// <summary>Keeps every message logged to it, for tests that check what the client says.</summary>
internal sealed class RecordingLogger : ILogger<RemotePolicyClient>
{
    private readonly List<(LogLevel Level, string Message)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries)
        {
            entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
