using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RobotSdk.Transports;

/// <summary>
/// A TCP connection to a device (an arm controller such as the UFactory Lite 6 on port 502,
/// or a serial-to-network bridge) with timed reads and Nagle disabled, so each small command
/// leaves at once.
/// </summary>
/// <remarks>
/// The constructor only stores the endpoint; <see cref="Connect"/> opens the connection.
/// Read and Write allocate nothing in steady state (Poll and Receive on spans). When the peer
/// closes or resets the connection, the call that notices throws
/// <see cref="DeviceDisconnectedException"/> and the transport returns to the disconnected
/// state, so calling <see cref="Connect"/> again reconnects. One thread may read while another
/// writes.
/// </remarks>
public sealed class TcpTransport : IDisposable
{
    private readonly TcpTransportOptions _options;
    private Socket? _socket;
    private bool _disposed;

    /// <summary>Creates a transport for <paramref name="host"/>:<paramref name="port"/>; nothing is connected yet.</summary>
    /// <param name="host">Host name or IP address, for example <c>192.168.1.185</c>.</param>
    /// <param name="port">TCP port, 1 to 65535.</param>
    /// <param name="options">Timeouts; defaults when null.</param>
    public TcpTransport(string host, int port, TcpTransportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _options = options ?? new TcpTransportOptions();
        _options.Validate();
        Host = host;
        Port = port;
        Endpoint = host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
    }

    /// <summary>The host name or address.</summary>
    public string Host { get; }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary><c>host:port</c>, as named in error messages.</summary>
    public string Endpoint { get; }

    /// <summary>Whether a connection is open (as far as this side knows; a silent peer is noticed on the next read or write).</summary>
    public bool IsConnected => _socket is not null;

    /// <summary>Bytes received and not yet read.</summary>
    public int BytesToRead => ConnectedSocket.Available;

    private Socket ConnectedSocket
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _socket ?? throw new InvalidOperationException($"{Endpoint} is not connected; call Connect first.");
        }
    }

    /// <summary>Connects, trying each address of the host within <see cref="TcpTransportOptions.ConnectTimeoutMs"/>.</summary>
    /// <exception cref="DeviceUnavailableException">
    /// Refused (nothing listens on the port), NotFound (unknown host, no route, or no answer in time),
    /// PermissionDenied (blocked locally).
    /// </exception>
    public void Connect() => ConnectAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Connects, trying each address of the host within <see cref="TcpTransportOptions.ConnectTimeoutMs"/>.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <exception cref="DeviceUnavailableException">As for <see cref="Connect"/>.</exception>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_socket is not null)
        {
            throw new InvalidOperationException($"{Endpoint} is already connected.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeoutMs);
        IPAddress[] addresses = await ResolveAsync(timeout.Token, cancellationToken).ConfigureAwait(false);
        SocketException? lastError = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, Port), timeout.Token).ConfigureAwait(false);
                socket.NoDelay = true;
                socket.SendTimeout = _options.WriteTimeoutMs;
                _socket = socket;
                return;
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                lastError = exception;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw NoAnswer();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw ConnectFailure(lastError!);
    }

    /// <summary>Closes the connection, if any. <see cref="Connect"/> may be called again.</summary>
    public void Disconnect()
    {
        Socket? socket = _socket;
        _socket = null;
        socket?.Dispose();
    }

    /// <summary>Sends every byte of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to send.</param>
    /// <exception cref="DeviceDisconnectedException">The peer closed or reset the connection.</exception>
    /// <exception cref="HardwareTimeoutException">The peer stopped reading and the send buffer stayed full.</exception>
    public void Write(ReadOnlySpan<byte> data)
    {
        Socket socket = ConnectedSocket;
        int sent = 0;
        while (sent < data.Length)
        {
            int count = Send(socket, data[sent..], out SocketError error);
            if (error == SocketError.Success)
            {
                sent += count;
                continue;
            }

            if (error is SocketError.TimedOut or SocketError.WouldBlock)
            {
                throw new HardwareTimeoutException(
                    Endpoint, null, null, $"send timed out after {_options.WriteTimeoutMs} ms with {sent} of {data.Length} bytes sent; is the peer reading?");
            }

            throw Lost(Describe(error));
        }
    }

    /// <summary>Reads the bytes available, waiting up to <paramref name="timeoutMs"/> for at least one.</summary>
    /// <param name="buffer">Where to put the bytes.</param>
    /// <param name="timeoutMs">How long to wait for the first byte; 0 polls, -1 waits forever.</param>
    /// <returns>The number of bytes read; 0 only when the timeout expired.</returns>
    /// <exception cref="DeviceDisconnectedException">The peer closed or reset the connection.</exception>
    public int Read(Span<byte> buffer, int timeoutMs)
    {
        Socket socket = ConnectedSocket;
        if (buffer.IsEmpty)
        {
            return 0;
        }

        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        while (true)
        {
            // Readable also means "closed" (Receive returns 0) or "reset" (Receive fails).
            int remainingMs = deadline.RemainingMilliseconds;
            int microseconds = remainingMs == Timeout.Infinite ? -1 : (int)Math.Min(int.MaxValue, remainingMs * 1000L);
            if (PollReadable(socket, microseconds))
            {
                break;
            }

            if (deadline.HasExpired)
            {
                return 0;
            }
        }

        int count = Receive(socket, buffer, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return 0;
        }

        if (error != SocketError.Success)
        {
            throw Lost(Describe(error));
        }

        if (count == 0)
        {
            throw Lost("the peer closed the connection");
        }

        return count;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or <paramref name="timeoutMs"/> has passed in total.</summary>
    /// <param name="buffer">Where to put the bytes.</param>
    /// <param name="timeoutMs">Total time allowed; -1 waits forever.</param>
    /// <returns>The number of bytes read: <c>buffer.Length</c> when complete, fewer on timeout.</returns>
    /// <exception cref="DeviceDisconnectedException">The peer closed or reset the connection.</exception>
    public int ReadExactly(Span<byte> buffer, int timeoutMs)
    {
        Deadline deadline = Deadline.FromTimeout(timeoutMs);
        int total = 0;
        while (total < buffer.Length)
        {
            int count = Read(buffer[total..], deadline.RemainingMilliseconds);
            if (count == 0)
            {
                break;
            }

            total += count;
        }

        return total;
    }

    /// <summary>Throws away bytes received but not yet read.</summary>
    public void DiscardInput()
    {
        Span<byte> scratch = stackalloc byte[256];
        while (BytesToRead > 0 && Read(scratch, 0) > 0)
        {
        }
    }

    /// <summary>Closes the connection; the object cannot be used again.</summary>
    public void Dispose()
    {
        Disconnect();
        _disposed = true;
    }

    /// <inheritdoc />
    public override string ToString() => Endpoint;

    private async ValueTask<IPAddress[]> ResolveAsync(CancellationToken timeoutToken, CancellationToken callerToken)
    {
        if (IPAddress.TryParse(Host, out IPAddress? literal))
        {
            return [literal];
        }

        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(Host, timeoutToken).ConfigureAwait(false);
            return addresses.Length > 0
                ? addresses
                : throw new DeviceUnavailableException(Endpoint, DeviceUnavailableReason.NotFound, $"host {Host} has no addresses");
        }
        catch (SocketException exception)
        {
            throw new DeviceUnavailableException(Endpoint, DeviceUnavailableReason.NotFound, $"unknown host {Host} ({exception.SocketErrorCode})", exception);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            throw NoAnswer();
        }
    }

    private DeviceUnavailableException NoAnswer() => new(
        Endpoint, DeviceUnavailableReason.NotFound, $"no answer within {_options.ConnectTimeoutMs} ms; is the device powered and on this network?");

    private DeviceUnavailableException ConnectFailure(SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => new DeviceUnavailableException(
            Endpoint, DeviceUnavailableReason.Refused, $"connection refused: nothing listens on port {Port}", exception),
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.HostDown or SocketError.HostNotFound => new DeviceUnavailableException(
            Endpoint, DeviceUnavailableReason.NotFound, $"unreachable ({exception.SocketErrorCode}); check the address and the network", exception),
        SocketError.AccessDenied => new DeviceUnavailableException(
            Endpoint, DeviceUnavailableReason.PermissionDenied, "the connection was blocked locally (AccessDenied)", exception),
        SocketError.TimedOut => NoAnswer(),
        _ => new DeviceUnavailableException(
            Endpoint, DeviceUnavailableReason.Refused, $"cannot connect ({exception.SocketErrorCode})", exception),
    };

    // The socket may be disposed by the other thread's Lost() (one reads while another writes);
    // that is the same lost connection, so it surfaces as the same exception.
    private int Send(Socket socket, ReadOnlySpan<byte> data, out SocketError error)
    {
        try
        {
            return socket.Send(data, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException exception) when (!_disposed)
        {
            throw new DeviceDisconnectedException(Endpoint, "the connection was lost (closed while sending)", exception);
        }
    }

    private int Receive(Socket socket, Span<byte> buffer, out SocketError error)
    {
        try
        {
            return socket.Receive(buffer, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException exception) when (!_disposed)
        {
            throw new DeviceDisconnectedException(Endpoint, "the connection was lost (closed while receiving)", exception);
        }
    }

    private bool PollReadable(Socket socket, int microseconds)
    {
        try
        {
            return socket.Poll(microseconds, SelectMode.SelectRead);
        }
        catch (ObjectDisposedException exception) when (!_disposed)
        {
            throw new DeviceDisconnectedException(Endpoint, "the connection was lost (closed while waiting)", exception);
        }
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionReset => "the peer reset the connection",
        SocketError.Shutdown => "the peer closed the connection",
        _ => $"socket error {error}",
    };

    private DeviceDisconnectedException Lost(string detail)
    {
        // Back to the disconnected state, so the caller can simply Connect again.
        Disconnect();
        return new DeviceDisconnectedException(Endpoint, $"the connection was lost ({detail})");
    }
}
