using System.Collections.Concurrent;
using System.Text;

namespace RobotSdk.Transports.Tests;

/// <summary>
/// A byte-exact SLCAN adapter on the master side of a pty: records every line it receives and
/// answers like CANable firmware (CR to commands, a configurable acknowledgement to frames).
/// </summary>
internal sealed class SlcanAdapterEmulator : IDisposable
{
    private readonly ISerialPort _port;
    private readonly Thread _thread;
    private readonly Lock _writeLock = new();
    private readonly List<byte> _wire = [];
    private volatile bool _stopping;

    public SlcanAdapterEmulator(ISerialPort port, string transmitAcknowledgement = "z\r", params string[] rejectedCommands)
    {
        _port = port;
        TransmitAcknowledgement = transmitAcknowledgement;
        RejectedCommands = [.. rejectedCommands];
        _thread = new Thread(Run) { IsBackground = true, Name = "SLCAN emulator" };
        _thread.Start();
    }

    public string TransmitAcknowledgement { get; }

    public HashSet<string> RejectedCommands { get; }

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Every byte received so far, as ASCII with CR kept.</summary>
    public string Wire
    {
        get
        {
            lock (_wire)
            {
                return Encoding.ASCII.GetString([.. _wire]);
            }
        }
    }

    /// <summary>Sends raw bytes to the bus under test, as if the adapter had received them from CAN.</summary>
    public void Inject(string text) => Inject(Encoding.ASCII.GetBytes(text));

    public void Inject(byte[] bytes)
    {
        lock (_writeLock)
        {
            _port.Write(bytes);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        var buffer = new byte[256];
        var line = new StringBuilder();
        try
        {
            while (!_stopping)
            {
                int count = _port.Read(buffer, 20);
                for (int index = 0; index < count; index++)
                {
                    lock (_wire)
                    {
                        _wire.Add(buffer[index]);
                    }

                    if (buffer[index] != '\r')
                    {
                        line.Append((char)buffer[index]);
                        continue;
                    }

                    string text = line.ToString();
                    line.Clear();
                    Lines.Enqueue(text);
                    Inject(Reply(text));
                }
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException)
        {
            // The pair was disposed under us: the emulator's life is over.
        }
    }

    private string Reply(string line)
    {
        if (RejectedCommands.Contains(line))
        {
            return "\a";
        }

        return line.Length > 0 && line[0] is 't' or 'T' or 'r' or 'R' ? TransmitAcknowledgement : "\r";
    }
}
