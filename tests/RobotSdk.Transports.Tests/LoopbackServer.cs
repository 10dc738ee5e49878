using System.Net;
using System.Net.Sockets;

namespace RobotSdk.Transports.Tests;

/// <summary>A real TCP listener on 127.0.0.1 that echoes what it receives (or stays silent).</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Thread _acceptThread;
    private readonly List<Socket> _clients = [];
    private readonly bool _echo;

    public LoopbackServer(int port = 0, bool echo = true)
    {
        _echo = echo;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "loopback accept" };
        _acceptThread.Start();
    }

    public int Port { get; }

    public int ClientCount
    {
        get
        {
            lock (_clients)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Closes every accepted connection; with <paramref name="reset"/>, by RST instead of FIN.</summary>
    public void DropClients(bool reset = false)
    {
        lock (_clients)
        {
            foreach (Socket client in _clients)
            {
                if (reset)
                {
                    client.LingerState = new LingerOption(true, 0);
                }

                client.Close();
            }

            _clients.Clear();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        DropClients();
        _acceptThread.Join();
    }

    private void AcceptLoop()
    {
        try
        {
            while (true)
            {
                Socket client = _listener.AcceptSocket();
                lock (_clients)
                {
                    _clients.Add(client);
                }

                if (_echo)
                {
                    new Thread(() => Echo(client)) { IsBackground = true, Name = "loopback echo" }.Start();
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped.
        }
    }

    private static void Echo(Socket client)
    {
        var buffer = new byte[4096];
        try
        {
            int count;
            while ((count = client.Receive(buffer)) > 0)
            {
                client.Send(buffer.AsSpan(0, count));
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The test dropped the connection.
        }
    }
}
