namespace RobotSdk.Transports;

/// <summary>Timeouts of a <see cref="TcpTransport"/>.</summary>
public sealed class TcpTransportOptions
{
    /// <summary>How long Connect may take, in milliseconds, over all addresses of the host (default 3000).</summary>
    public int ConnectTimeoutMs { get; set; } = 3000;

    /// <summary>How long a write may wait for room in the socket's send buffer, in milliseconds (default 1000).</summary>
    public int WriteTimeoutMs { get; set; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ConnectTimeoutMs, nameof(ConnectTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WriteTimeoutMs, nameof(WriteTimeoutMs));
    }
}
