namespace RobotSdk.Policy.Remote;

/// <summary>What a <see cref="ServerMessage"/> is.</summary>
internal enum ServerMessageKind
{
    /// <summary>A binary message: msgpack.</summary>
    Binary,

    /// <summary>A text message: openpi's servers send only error tracebacks as text.</summary>
    Text,

    /// <summary>The server sent a close frame.</summary>
    Closed,

    /// <summary>The connection broke (or was aborted) without a close frame.</summary>
    Lost,
}
