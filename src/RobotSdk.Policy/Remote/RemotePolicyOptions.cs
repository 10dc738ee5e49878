namespace RobotSdk.Policy.Remote;

/// <summary>Where the policy server is and how patiently to talk to it.</summary>
public sealed class RemotePolicyOptions
{
    /// <summary>The server, <c>ws://host:port</c> (openpi's default port is 8000) or <c>wss://</c>. Required.</summary>
    public Uri? ServerUri { get; set; }

    /// <summary>Sent as <c>Authorization: Api-Key &lt;key&gt;</c> when set (as openpi's client does).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Limit for one connection attempt: the WebSocket handshake and the metadata message. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for one inference, from sending the observation to the whole reply. Default 10 s (remote DROID takes 0.5-1 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for the <c>GET /healthz</c> check. Default 2 s.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Connection attempts before giving up, 1 to 100. Default 5.</summary>
    public int ConnectAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; it doubles after each further failure. Default 250 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between attempts. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest message accepted from the server, in bytes. Default 256 MiB (openpi sets no limit; this bounds memory).</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Throws for a missing server address or a value out of range.</summary>
    /// <exception cref="ArgumentException">The options are not usable; the message names the option and its value.</exception>
    public void Validate()
    {
        if (ServerUri is null)
        {
            throw new ArgumentException("RemotePolicyOptions.ServerUri is required (for example ws://gpu-host:8000).", nameof(ServerUri));
        }

        if (!ServerUri.IsAbsoluteUri || (ServerUri.Scheme != "ws" && ServerUri.Scheme != "wss"))
        {
            throw new ArgumentException($"RemotePolicyOptions.ServerUri must be an absolute ws:// or wss:// address, got '{ServerUri}'.", nameof(ServerUri));
        }

        CheckPositive(ConnectTimeout, nameof(ConnectTimeout));
        CheckPositive(RequestTimeout, nameof(RequestTimeout));
        CheckPositive(HealthCheckTimeout, nameof(HealthCheckTimeout));
        CheckPositive(InitialBackoff, nameof(InitialBackoff));
        if (MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, $"RemotePolicyOptions.MaxBackoff must be at least InitialBackoff ({InitialBackoff}).");
        }

        if (ConnectAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectAttempts), ConnectAttempts, "RemotePolicyOptions.ConnectAttempts must be between 1 and 100.");
        }

        if (MaxMessageBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, "RemotePolicyOptions.MaxMessageBytes must be at least 1024.");
        }
    }

    private static void CheckPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"RemotePolicyOptions.{name} must be positive.");
        }
    }
}
