namespace RobotSdk.Policy.Remote;

/// <summary>The server did not answer a request (or the connection handshake) within its timeout. The connection is dropped: a late reply would answer the wrong request.</summary>
public sealed class RemotePolicyTimeoutException : RemotePolicyException
{
    /// <summary>Creates the exception.</summary>
    public RemotePolicyTimeoutException(Uri server, TimeSpan timeout, string operation)
        : base($"The policy server {server} did not complete {operation} within {timeout.TotalMilliseconds:0} ms.")
    {
        Server = server;
        Timeout = timeout;
    }

    /// <summary>The server's address.</summary>
    public Uri Server { get; }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }
}
