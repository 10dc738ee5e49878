using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RobotSdk.Transports.Tests;

public sealed class TcpTransportTests
{
    [Fact]
    public void Constructor_DoesNotConnect()
    {
        using var transport = new TcpTransport("127.0.0.1", 502);

        Assert.False(transport.IsConnected);
        Assert.Equal("127.0.0.1:502", transport.Endpoint);
    }

    [Fact]
    public void WriteThenRead_ReturnsTheEchoedBytes()
    {
        using var server = new LoopbackServer();
        using var transport = Connect(server.Port);
        byte[] request = Enumerable.Range(0, 300).Select(value => (byte)value).ToArray();

        transport.Write(request);
        var reply = new byte[request.Length];
        int count = transport.ReadExactly(reply, 2000);

        Assert.Equal(request.Length, count);
        Assert.Equal(request, reply);
    }

    [Fact]
    public void Read_ReturnsZeroWithinItsTimeout_WhenThePeerSendsNothing()
    {
        using var server = new LoopbackServer(echo: false);
        using var transport = Connect(server.Port);
        var stopwatch = Stopwatch.StartNew();

        int count = transport.Read(new byte[16], 100);

        Assert.Equal(0, count);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 90, 1000);
        Assert.True(transport.IsConnected);
    }

    [Fact]
    public void Read_ThrowsDeviceDisconnected_NamingTheEndpoint_WhenThePeerCloses()
    {
        using var server = new LoopbackServer();
        using var transport = Connect(server.Port);
        Poll.Until(() => server.ClientCount == 1, "the server to accept");

        server.DropClients();

        var exception = Assert.Throws<DeviceDisconnectedException>(() => transport.Read(new byte[16], 2000));
        Assert.Contains($"127.0.0.1:{server.Port}", exception.Message, StringComparison.Ordinal);
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public void Read_ThrowsDeviceDisconnected_WhenThePeerResets()
    {
        using var server = new LoopbackServer();
        using var transport = Connect(server.Port);
        Poll.Until(() => server.ClientCount == 1, "the server to accept");

        server.DropClients(reset: true);

        Assert.Throws<DeviceDisconnectedException>(() => transport.Read(new byte[16], 2000));
    }

    [Fact]
    public void Write_EventuallyThrowsDeviceDisconnected_AfterThePeerClosed()
    {
        using var server = new LoopbackServer(echo: false);
        using var transport = Connect(server.Port);
        Poll.Until(() => server.ClientCount == 1, "the server to accept");
        server.DropClients();

        // The first write after a FIN may still succeed; the kernel answers it with RST.
        Poll.Until(
            () =>
            {
                try
                {
                    transport.Write([1, 2, 3]);
                    return false;
                }
                catch (DeviceDisconnectedException)
                {
                    return true;
                }
            },
            "a write to fail");
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public void Connect_ThrowsRefused_NamingTheEndpoint_WhenNothingListens()
    {
        int port = UnusedPort();
        using var transport = new TcpTransport("127.0.0.1", port);

        var exception = Assert.Throws<DeviceUnavailableException>(transport.Connect);

        Assert.Equal(DeviceUnavailableReason.Refused, exception.UnavailableReason);
        Assert.Contains($"127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public void Connect_ThrowsNotFound_WithinItsTimeout_WhenTheHostDoesNotAnswer()
    {
        // A listener that never accepts, with its backlog full: Linux drops further SYNs, so
        // the handshake gets no answer, like a powered-off arm on the network.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (int index = 0; index < 4; index++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // In progress: the SYN is out, which is all a filler is for.
                }
            }

            using var transport = new TcpTransport("127.0.0.1", port, new TcpTransportOptions { ConnectTimeoutMs = 200 });
            var stopwatch = Stopwatch.StartNew();

            var exception = Assert.Throws<DeviceUnavailableException>(transport.Connect);

            Assert.Equal(DeviceUnavailableReason.NotFound, exception.UnavailableReason);
            Assert.Contains("no answer within 200 ms", exception.Message, StringComparison.Ordinal);
            Assert.InRange(stopwatch.ElapsedMilliseconds, 150, 2000);
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Fact]
    public void Connect_Reconnects_AfterTheListenerComesBack()
    {
        int port = UnusedPort();
        using var reconnecting = new TcpTransport("127.0.0.1", port);
        using (var first = new LoopbackServer(port))
        {
            reconnecting.Connect();
            Poll.Until(() => first.ClientCount == 1, "the first server to accept");
        }

        Assert.Throws<DeviceDisconnectedException>(() => reconnecting.Read(new byte[4], 2000));
        Assert.Equal(DeviceUnavailableReason.Refused, Assert.Throws<DeviceUnavailableException>(reconnecting.Connect).UnavailableReason);

        using var second = new LoopbackServer(port);
        reconnecting.Connect();
        reconnecting.Write([7, 8, 9]);
        var reply = new byte[3];

        Assert.Equal(3, reconnecting.ReadExactly(reply, 2000));
        Assert.Equal(new byte[] { 7, 8, 9 }, reply);
    }

    [Fact]
    public void Connect_Throws_WhenAlreadyConnected()
    {
        using var server = new LoopbackServer();
        using var transport = Connect(server.Port);

        Assert.Throws<InvalidOperationException>(transport.Connect);
    }

    [Fact]
    public void DiscardInput_DropsPendingBytes()
    {
        using var server = new LoopbackServer();
        using var transport = Connect(server.Port);
        transport.Write([1, 2, 3, 4]);
        Poll.Until(() => transport.BytesToRead == 4, "the echo");

        transport.DiscardInput();

        Assert.Equal(0, transport.Read(new byte[4], 50));
    }

    [Fact]
    public void WriteAndRead_AllocateNothing_InSteadyState()
    {
        using var server = new LoopbackServer();
        using var transport = Connect(server.Port);
        var request = new byte[32];
        var reply = new byte[32];

        RoundTrips(transport, request, reply, 100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RoundTrips(transport, request, reply, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void RoundTrips(TcpTransport transport, byte[] request, byte[] reply, int count)
    {
        for (int trip = 0; trip < count; trip++)
        {
            transport.Write(request);
            if (transport.ReadExactly(reply, 2000) != reply.Length)
            {
                throw new InvalidOperationException("the echo did not come back");
            }
        }
    }

    private static TcpTransport Connect(int port)
    {
        var transport = new TcpTransport("127.0.0.1", port);
        transport.Connect();
        return transport;
    }

    private static int UnusedPort()
    {
        using var server = new LoopbackServer();
        return server.Port;
    }
}
