namespace RobotSdk.Policy.Remote;

/// <summary>One thing the server's side of the connection produced: a whole binary or text message, or the connection's end.</summary>
internal sealed record ServerMessage(ServerMessageKind Kind, byte[]? Payload, string? Text, int? CloseStatus)
{
    public static ServerMessage FromBinary(byte[] payload) => new(ServerMessageKind.Binary, payload, null, null);

    public static ServerMessage FromText(string text) => new(ServerMessageKind.Text, null, text, null);

    /// <summary>The server closed the connection with a close frame (<paramref name="description"/> is its reason).</summary>
    public static ServerMessage Closed(int? status, string? description) => new(ServerMessageKind.Closed, null, description, status);

    /// <summary>The connection broke without a close frame (<paramref name="reason"/> says how, when known).</summary>
    public static ServerMessage Lost(string? reason) => new(ServerMessageKind.Lost, null, reason, null);

    /// <summary>Whether this marks the connection's end.</summary>
    public bool IsEnd => Kind is ServerMessageKind.Closed or ServerMessageKind.Lost;

    /// <summary>How the end happened, for messages.</summary>
    public string DescribeEnd() => Kind == ServerMessageKind.Closed
        ? $"the server closed the connection (code {CloseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}{(string.IsNullOrEmpty(Text) ? string.Empty : $", \"{Text}\"")})"
        : $"the connection was lost{(string.IsNullOrEmpty(Text) ? string.Empty : $" ({Text})")}";
}
