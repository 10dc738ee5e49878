using System.Net;
using System.Net.Sockets;
using RobotSdk.Drivers.UFactory.Protocol;

namespace RobotSdk.Drivers.UFactory.Tests;

/// <summary>
/// A fake controller on a real loopback socket whose replies the test scripts byte for byte: it
/// records every request frame it receives and answers each with what <see cref="Responder"/>
/// returns (null: no reply). <see cref="Healthy"/> answers like an idle Lite 6.
/// </summary>
internal sealed class ScriptedController : IDisposable
{
    private readonly Socket _listener;
    private readonly Lock _lock = new();
    private readonly List<byte[]> _requests = [];
    private readonly List<Socket> _clients = [];
    private readonly Thread _thread;

    public ScriptedController(string version = "6,9,LITEST,ACTEST,v2.5.0")
    {
        Version = version;
        Responder = Healthy;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _thread = new Thread(Accept) { IsBackground = true, Name = "scripted controller" };
        _thread.Start();
    }

    public int Port { get; }

    public string Version { get; }

    /// <summary>Joint positions the healthy controller reports, radians.</summary>
    public double[] Joints { get; } = new double[XArmPayloads.JointSlots];

    /// <summary>The error and warning codes the healthy controller reports.</summary>
    public (byte Error, byte Warning) Codes { get; set; }

    /// <summary>State bits the healthy controller puts in every reply.</summary>
    public XArmStateBits Bits { get; set; }

    /// <summary>When above 0, each reply goes out as two TCP segments split after this many bytes, 20 ms apart.</summary>
    public int SplitRepliesAt { get; set; }

    /// <summary>Makes the reply to a request (the whole frame as received); null sends nothing. Called on the serving thread.</summary>
    public Func<byte[], byte[]?> Responder { get; set; }

    public IReadOnlyList<byte[]> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The frames received with <paramref name="function"/>, in order.</summary>
    public IReadOnlyList<byte[]> RequestsOf(XArmFunction function) => [.. Requests.Where(frame => frame[XArmPacket.HeaderLength] == (byte)function)];

    /// <summary>A reply frame for <paramref name="request"/> with <paramref name="bits"/> and <paramref name="data"/>.</summary>
    public static byte[] Reply(byte[] request, XArmStateBits bits, ReadOnlySpan<byte> data)
    {
        byte[] frame = new byte[XArmPacket.ReplyOverhead + data.Length];
        ushort transactionId = (ushort)((request[0] << 8) | request[1]);
        XArmPacket.WriteReply(frame, transactionId, (XArmFunction)request[XArmPacket.HeaderLength], bits, data);
        return frame;
    }

    /// <summary>Answers like an idle Lite 6 with no error.</summary>
    public byte[]? Healthy(byte[] request)
    {
        var function = (XArmFunction)request[XArmPacket.HeaderLength];
        byte[] data = function switch
        {
            XArmFunction.GetVersion => VersionData(),
            XArmFunction.GetState => [(byte)ControllerState.Sleeping],
            XArmFunction.GetErrorCodes => [Codes.Error, Codes.Warning],
            XArmFunction.GetJointPositions => JointData(),
            _ => [],
        };
        return Reply(request, Bits, data);
    }

    public void DropClients()
    {
        lock (_lock)
        {
            foreach (Socket client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        DropClients();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private byte[] VersionData()
    {
        byte[] data = new byte[XArmPayloads.VersionLength];
        XArmPayloads.WriteVersionText(data, Version);
        return data;
    }

    private byte[] JointData()
    {
        byte[] data = new byte[XArmPayloads.JointPositionsLength];
        XArmPayloads.WriteJointBlock(data, 0, Joints);
        return data;
    }

    private void Accept()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_lock)
            {
                _clients.Add(client);
            }

            new Thread(() => Serve(client)) { IsBackground = true, Name = "scripted controller client" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        byte[] buffer = new byte[4096];
        int count = 0;
        try
        {
            while (true)
            {
                int read = client.Receive(buffer.AsSpan(count));
                if (read == 0)
                {
                    return;
                }

                count += read;
                while (XArmPacket.TryDecodeRequest(buffer.AsSpan(0, count), out XArmRequest request) == XArmDecodeResult.Complete)
                {
                    byte[] frame = buffer.AsSpan(0, request.FrameLength).ToArray();
                    int length = request.FrameLength;
                    buffer.AsSpan(length, count - length).CopyTo(buffer);
                    count -= length;
                    lock (_lock)
                    {
                        _requests.Add(frame);
                    }

                    if (Responder(frame) is { } reply)
                    {
                        int split = SplitRepliesAt;
                        if (split > 0 && split < reply.Length)
                        {
                            client.Send(reply.AsSpan(0, split));
                            Thread.Sleep(20);
                            client.Send(reply.AsSpan(split));
                        }
                        else
                        {
                            client.Send(reply);
                        }
                    }
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
