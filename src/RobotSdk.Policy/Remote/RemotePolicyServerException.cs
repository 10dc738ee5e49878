namespace RobotSdk.Policy.Remote;

/// <summary>
/// The server failed to run the policy: openpi's server sends the Python traceback as a text frame
/// and closes the connection with code 1011 (internal error). The traceback is in the message.
/// </summary>
public sealed class RemotePolicyServerException : RemotePolicyException
{
    /// <summary>Creates the exception.</summary>
    public RemotePolicyServerException(Uri server, string serverMessage, int? closeStatus)
        : base($"The policy server {server} failed (close code {(closeStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")}):{Environment.NewLine}{serverMessage}")
    {
        Server = server;
        ServerMessage = serverMessage;
        CloseStatus = closeStatus;
    }

    /// <summary>The server's address.</summary>
    public Uri Server { get; }

    /// <summary>The text the server sent (openpi: the Python traceback).</summary>
    public string ServerMessage { get; }

    /// <summary>The close code that followed (1011 from openpi), or null if none arrived.</summary>
    public int? CloseStatus { get; }
}
