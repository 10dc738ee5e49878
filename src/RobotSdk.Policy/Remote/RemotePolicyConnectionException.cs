using System.Net;

namespace RobotSdk.Policy.Remote;

/// <summary>
/// The client could not connect (after its bounded retries), the server refused the connection
/// (for example 401/403 for a wrong API key, which is not retried), or the connection was lost
/// during a request. The next request reconnects.
/// </summary>
public sealed class RemotePolicyConnectionException : RemotePolicyException
{
    /// <summary>Creates the exception.</summary>
    public RemotePolicyConnectionException(Uri server, string problem, int attempts, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base($"Policy server {server}: {problem}", innerException)
    {
        Server = server;
        Attempts = attempts;
        StatusCode = statusCode;
    }

    /// <summary>The server's address.</summary>
    public Uri Server { get; }

    /// <summary>How many connection attempts were made (0 when an open connection was lost).</summary>
    public int Attempts { get; }

    /// <summary>The HTTP status of the refused WebSocket upgrade, when the server answered one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
