using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace RobotSdk.Policy.Remote;

/// <summary>
/// One WebSocket connection to a policy server. A background loop receives all the time, so the
/// server's keepalive pings are answered while the caller is idle (Python's websockets server
/// closes a connection whose pings go unanswered) and a dropped link is noticed before the next
/// request. Whole messages go into a channel; the connection's end goes in as a last message.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private readonly ClientWebSocket socket;
    private readonly Channel<ServerMessage> messages = Channel.CreateUnbounded<ServerMessage>(new() { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly int maxMessageBytes;
    private volatile ServerMessage? end;
    private int disposed;

    private ServerConnection(ClientWebSocket socket, int maxMessageBytes)
    {
        this.socket = socket;
        this.maxMessageBytes = maxMessageBytes;
        _ = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Whether the link has ended (closed, lost or aborted); once true, the end message is waiting in the channel.</summary>
    public bool HasEnded => end is not null;

    /// <summary>Opens the WebSocket (sending the API key header when given); the metadata message is left for the caller to read.</summary>
    /// <exception cref="WebSocketException">The handshake failed; for a refused upgrade, <paramref name="refusedStatus"/> holds the HTTP status.</exception>
    public static async Task<ServerConnection> OpenAsync(Uri server, string? apiKey, int maxMessageBytes, Action<HttpStatusCode> refusedStatus, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.CollectHttpResponseDetails = true;
            if (apiKey is not null)
            {
                socket.Options.SetRequestHeader("Authorization", $"Api-Key {apiKey}");
            }

            try
            {
                await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
            {
                refusedStatus(socket.HttpStatusCode);
                throw;
            }

            return new ServerConnection(socket, maxMessageBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one binary message.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    /// <summary>Waits for the next whole message, or the connection's end.</summary>
    public async ValueTask<ServerMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await messages.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return end ?? ServerMessage.Lost(null);
        }
    }

    /// <summary>Takes a message that arrived while nobody was waiting, if any.</summary>
    public bool TryTakeWaiting(out ServerMessage? message)
    {
        bool found = messages.Reader.TryRead(out ServerMessage? waiting);
        message = waiting;
        return found;
    }

    /// <summary>Closes politely within <paramref name="timeout"/>, then releases the socket.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var limit = new CancellationTokenSource(timeout);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client done", limit.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The link is going away either way; nothing more to tell the server.
            }
        }

        Dispose();
    }

    /// <summary>Aborts the socket and stops the receive loop.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        stopping.Cancel();
        socket.Abort();
        socket.Dispose();
        stopping.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] assembly = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == assembly.Length)
                    {
                        if (assembly.Length >= maxMessageBytes)
                        {
                            Finish(ServerMessage.Lost($"a message larger than the limit of {maxMessageBytes} bytes"));
                            socket.Abort();
                            return;
                        }

                        Array.Resize(ref assembly, (int)Math.Min((long)assembly.Length * 2, maxMessageBytes));
                    }

                    result = await socket.ReceiveAsync(assembly.AsMemory(length), stopping.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        Finish(ServerMessage.Closed((int?)socket.CloseStatus, socket.CloseStatusDescription));
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                messages.Writer.TryWrite(result.MessageType == WebSocketMessageType.Text
                    ? ServerMessage.FromText(System.Text.Encoding.UTF8.GetString(assembly, 0, length))
                    : ServerMessage.FromBinary(assembly.AsSpan(0, length).ToArray()));
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Finish(ServerMessage.Lost(exception.Message));
        }
    }

    private void Finish(ServerMessage last)
    {
        // The message first: whoever sees HasEnded must find it waiting.
        messages.Writer.TryWrite(last);
        messages.Writer.TryComplete();
        end = last;
    }
}
