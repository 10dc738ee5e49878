namespace RobotSdk.Policy.Remote;

/// <summary>The server sent something openpi's protocol does not allow: bytes that are not msgpack, a reply without <c>actions</c>, actions that are not a 2-D float array, or a message nobody asked for. The message names what was malformed.</summary>
public sealed class RemotePolicyProtocolException : RemotePolicyException
{
    /// <summary>Creates the exception.</summary>
    public RemotePolicyProtocolException(Uri server, string problem, Exception? innerException = null)
        : base($"The policy server {server} broke the protocol: {problem}", innerException)
    {
        Server = server;
    }

    /// <summary>The server's address.</summary>
    public Uri Server { get; }
}
