using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobotSdk.Policy.Msgpack;

namespace RobotSdk.Policy.Remote;

/// <summary>
/// Client of a policy server speaking openpi's protocol (REFERENCE section 6): a WebSocket on which
/// the server first sends its metadata map, then answers each msgpack observation with a msgpack
/// map holding <c>actions</c> [H, D] and timings; numpy arrays travel in openpi's ndarray convention.
/// Works unchanged against openpi's <c>serve_policy.py</c>.
/// </summary>
/// <remarks>
/// <para>Requests are strictly one at a time (the protocol has no request ids). Each has its own
/// timeout; after a timeout the connection is dropped, because a late reply would answer the wrong
/// request. A text frame from the server is a server-side failure (openpi sends the Python traceback,
/// then closes with 1011) and becomes <see cref="RemotePolicyServerException"/>.</para>
/// <para>Connecting retries with exponential backoff, bounded by <see cref="RemotePolicyOptions.ConnectAttempts"/>
/// and <see cref="RemotePolicyOptions.MaxBackoff"/>; a refused API key (HTTP 401/403) is not retried.
/// A connection found dead before a request is reopened transparently; one lost during a request
/// fails that request (<see cref="RemotePolicyConnectionException"/>) and the next request reconnects.</para>
/// <para>This client never decides what the arm does. The policy runner wraps it and, on any
/// <see cref="RemotePolicyException"/>, holds the arm safe or switches to its configured local
/// policy, and says so; <see cref="CheckHealthAsync"/> lets it probe the server before switching back.</para>
/// </remarks>
public sealed class RemotePolicyClient : IAsyncDisposable
{
    private readonly RemotePolicyOptions options;
    private readonly MsgpackWriter writer = new(256 * 1024);
    private readonly HttpClient httpClient;
    private readonly Uri server;
    private readonly ILogger logger;
    private ServerConnection? connection;
    private int requestInFlight;
    private bool disposed;

    /// <summary>Creates the client; nothing is opened until <see cref="ConnectAsync"/> or the first inference.</summary>
    /// <param name="options">The server and the client's patience; copied, later changes have no effect.</param>
    /// <param name="logger">Receives connections, failed attempts and drops; none is written per successful inference.</param>
    /// <exception cref="ArgumentException">The options are not usable (see <see cref="RemotePolicyOptions.Validate"/>).</exception>
    public RemotePolicyClient(RemotePolicyOptions options, ILogger<RemotePolicyClient>? logger = null)
    {
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = new RemotePolicyOptions
        {
            ServerUri = options.ServerUri,
            ApiKey = options.ApiKey,
            ConnectTimeout = options.ConnectTimeout,
            RequestTimeout = options.RequestTimeout,
            HealthCheckTimeout = options.HealthCheckTimeout,
            ConnectAttempts = options.ConnectAttempts,
            InitialBackoff = options.InitialBackoff,
            MaxBackoff = options.MaxBackoff,
            MaxMessageBytes = options.MaxMessageBytes,
        };
        server = options.ServerUri!;
        httpClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The server's address.</summary>
    public Uri Server => server;

    /// <summary>The metadata map the server sent when the current (or last) connection opened; null before the first connection.</summary>
    public MsgpackMap? Metadata { get; private set; }

    /// <summary>Whether a connection is open as far as this side knows.</summary>
    public bool IsConnected => connection is { HasEnded: false };

    /// <summary>How many connections have been opened so far (more than one means the client reconnected).</summary>
    public int ConnectionCount { get; private set; }

    /// <summary>Opens the connection and reads the metadata, retrying with backoff; does nothing if already connected.</summary>
    /// <exception cref="RemotePolicyConnectionException">Every attempt failed, or the server refused the API key.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        EnterRequest();
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref requestInFlight, 0);
        }
    }

    /// <summary>Sends <paramref name="observation"/> and returns the action chunk the server computed.</summary>
    /// <exception cref="RemotePolicyTimeoutException">No whole reply within <see cref="RemotePolicyOptions.RequestTimeout"/>.</exception>
    /// <exception cref="RemotePolicyServerException">The server failed and sent its traceback.</exception>
    /// <exception cref="RemotePolicyProtocolException">The reply is malformed (the message says how).</exception>
    /// <exception cref="RemotePolicyConnectionException">No connection could be made, or it was lost during the request.</exception>
    /// <exception cref="InvalidOperationException">Another request is in flight on this client.</exception>
    public async Task<RemoteInference> InferAsync(RemoteObservation observation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ObjectDisposedException.ThrowIf(disposed, this);
        EnterRequest();
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            ServerConnection link = connection!;
            writer.Reset();
            observation.WriteTo(writer);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            var stopwatch = Stopwatch.StartNew();
            ServerMessage reply;
            try
            {
                await link.SendAsync(writer.WrittenMemory, timeout.Token).ConfigureAwait(false);
                reply = await link.ReceiveAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Drop($"no reply within {options.RequestTimeout.TotalMilliseconds:0} ms");
                throw new RemotePolicyTimeoutException(server, options.RequestTimeout, "an inference");
            }
            catch (OperationCanceledException)
            {
                Drop();
                throw;
            }
            catch (WebSocketException exception)
            {
                Drop(exception.Message);
                throw new RemotePolicyConnectionException(server, $"the connection was lost while sending the observation ({exception.Message}).", 0, innerException: exception);
            }

            TimeSpan roundTrip = stopwatch.Elapsed;
            switch (reply.Kind)
            {
                case ServerMessageKind.Binary:
                    return ParseReply(reply.Payload!, roundTrip);
                case ServerMessageKind.Text:
                    ServerMessage after = await ReceiveEndAsync(link, timeout.Token).ConfigureAwait(false);
                    Drop("the server failed and sent its traceback");
                    throw new RemotePolicyServerException(server, reply.Text!, after.Kind == ServerMessageKind.Closed ? after.CloseStatus : null);
                default:
                    Drop(reply.DescribeEnd());
                    throw new RemotePolicyConnectionException(server, $"{reply.DescribeEnd()} before it answered the observation.", 0);
            }
        }
        finally
        {
            Volatile.Write(ref requestInFlight, 0);
        }
    }

    /// <summary>
    /// Asks the server's health endpoint (<c>GET /healthz</c> over HTTP on the same host and port, as
    /// openpi serves it) whether it is up. True only for a 200 answer within
    /// <see cref="RemotePolicyOptions.HealthCheckTimeout"/>; false for any other answer, no answer or a refused connection.
    /// </summary>
    public async Task<bool> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var health = new UriBuilder(server)
        {
            Scheme = server.Scheme == "wss" ? Uri.UriSchemeHttps : Uri.UriSchemeHttp,
            Path = "/healthz",
            Query = string.Empty,
        }.Uri;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HealthCheckTimeout);
        try
        {
            using HttpResponseMessage response = await httpClient.GetAsync(health, timeout.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Closes the connection politely (within one second) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        ServerConnection? link = connection;
        connection = null;
        if (link is not null)
        {
            await link.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        httpClient.Dispose();
    }

    private void EnterRequest()
    {
        if (Interlocked.Exchange(ref requestInFlight, 1) == 1)
        {
            throw new InvalidOperationException("A request is already in flight on this RemotePolicyClient; openpi's protocol answers one observation at a time.");
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (connection is not null)
        {
            if (connection.TryTakeWaiting(out ServerMessage? waiting))
            {
                if (!waiting!.IsEnd)
                {
                    Drop("unsolicited message");
                    throw new RemotePolicyProtocolException(server, $"the server sent a {waiting.Kind} message nobody asked for.");
                }

                Drop(waiting.DescribeEnd() + " while idle");
            }
            else if (!connection.HasEnded)
            {
                return;
            }
            else
            {
                Drop("found closed before a request");
            }
        }

        TimeSpan backoff = options.InitialBackoff;
        Exception? lastFailure = null;
        for (int attempt = 1; attempt <= options.ConnectAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }

            try
            {
                await ConnectOnceAsync(attempt, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RemotePolicyConnectionException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw;
            }
            catch (Exception exception) when (exception is RemotePolicyException or WebSocketException or HttpRequestException or IOException)
            {
                lastFailure = exception;
                if (attempt < options.ConnectAttempts)
                {
                    RemotePolicyLog.AttemptFailed(logger, server, attempt, options.ConnectAttempts, backoff.TotalMilliseconds, exception.Message);
                }
            }
        }

        throw new RemotePolicyConnectionException(
            server,
            $"could not connect after {options.ConnectAttempts} attempt(s); the last failed with: {lastFailure!.Message}",
            options.ConnectAttempts,
            (lastFailure as RemotePolicyConnectionException)?.StatusCode,
            lastFailure);
    }

    private async Task ConnectOnceAsync(int attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        HttpStatusCode? refused = null;
        ServerConnection link;
        try
        {
            link = await ServerConnection.OpenAsync(server, options.ApiKey, options.MaxMessageBytes, status => refused = status, timeout.Token).ConfigureAwait(false);
        }
        catch (WebSocketException exception) when (refused is not null)
        {
            string hint = refused is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? options.ApiKey is null ? " (the server wants an API key: set RemotePolicyOptions.ApiKey)" : " (the server refused the API key)"
                : string.Empty;
            throw new RemotePolicyConnectionException(server, $"the server refused the WebSocket upgrade with HTTP {(int)refused} {refused}{hint}.", attempt, refused, exception);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemotePolicyTimeoutException(server, options.ConnectTimeout, "the WebSocket handshake");
        }

        try
        {
            ServerMessage first = await link.ReceiveAsync(timeout.Token).ConfigureAwait(false);
            Metadata = first.Kind switch
            {
                ServerMessageKind.Binary => ReadMap(first.Payload!, "the metadata message"),
                ServerMessageKind.Text => throw new RemotePolicyServerException(server, first.Text!, null),
                _ => throw new RemotePolicyConnectionException(server, $"{first.DescribeEnd()} before sending its metadata.", attempt),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            link.Dispose();
            throw new RemotePolicyTimeoutException(server, options.ConnectTimeout, "the metadata message");
        }
        catch
        {
            link.Dispose();
            throw;
        }

        connection = link;
        ConnectionCount++;
        if (logger.IsEnabled(LogLevel.Information))
        {
            string metadataKeys = Metadata.DescribeKeys();
            RemotePolicyLog.Connected(logger, server, attempt, metadataKeys);
        }
    }

    private RemoteInference ParseReply(byte[] payload, TimeSpan roundTrip)
    {
        MsgpackMap reply = ReadMap(payload, "the reply");
        if (!reply.TryGetValue("actions", out object? actionsValue))
        {
            throw new RemotePolicyProtocolException(server, $"the reply has no \"actions\"; its keys are {reply.DescribeKeys()}.");
        }

        if (actionsValue is not NumpyArray actions)
        {
            throw new RemotePolicyProtocolException(server, $"the reply's \"actions\" is a {actionsValue?.GetType().Name ?? "nil"}, expected a numpy array map.");
        }

        if (actions.Shape.Count != 2 || !actions.Dtype.IsFloatingPoint || actions.Dtype.ItemSize < 4)
        {
            throw new RemotePolicyProtocolException(server, $"the reply's \"actions\" is {actions}, expected a 2-D <f4 or <f8 array [H, D].");
        }

        var chunk = new ActionChunk(actions.Shape[0], actions.Shape[1], actions.ToSingleArray());
        return new RemoteInference(
            chunk,
            ReadTiming(reply, "policy_timing", "infer_ms"),
            ReadTiming(reply, "server_timing", "infer_ms"),
            ReadTiming(reply, "server_timing", "prev_total_ms"),
            roundTrip,
            reply);
    }

    private double? ReadTiming(MsgpackMap reply, string group, string key)
    {
        if (!reply.TryGetValue(group, out object? groupValue) || groupValue is null)
        {
            return null;
        }

        if (groupValue is not MsgpackMap timings)
        {
            throw new RemotePolicyProtocolException(server, $"the reply's \"{group}\" is a {groupValue.GetType().Name}, expected a map.");
        }

        return !timings.TryGetValue(key, out object? value) ? null : value switch
        {
            double number => number,
            float number => number,
            long number => number,
            NumpyScalar scalar => scalar.ToDouble(),
            _ => throw new RemotePolicyProtocolException(server, $"the reply's \"{group}\".\"{key}\" is {value?.GetType().Name ?? "nil"}, expected a number."),
        };
    }

    private MsgpackMap ReadMap(byte[] payload, string what)
    {
        object? value;
        try
        {
            value = MsgpackReader.Read(payload);
        }
        catch (MsgpackFormatException exception)
        {
            throw new RemotePolicyProtocolException(server, $"{what} is not valid msgpack: {exception.Message}", exception);
        }

        return value as MsgpackMap
            ?? throw new RemotePolicyProtocolException(server, $"{what} is a {value?.GetType().Name ?? "nil"}, expected a msgpack map.");
    }

    private static async Task<ServerMessage> ReceiveEndAsync(ServerConnection link, CancellationToken cancellationToken)
    {
        try
        {
            ServerMessage next = await link.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }
        catch (OperationCanceledException)
        {
            return ServerMessage.Lost("no close frame followed the error text");
        }
    }

    private void Drop(string? reason = null)
    {
        if (connection is not null && reason is not null)
        {
            RemotePolicyLog.Dropped(logger, server, reason);
        }

        connection?.Dispose();
        connection = null;
    }
}
