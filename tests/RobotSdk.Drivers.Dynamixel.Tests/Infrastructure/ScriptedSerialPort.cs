using RobotSdk.Transports;

namespace RobotSdk.Drivers.Dynamixel.Tests;

/// <summary>
/// A byte-exact fake port: records every write and, for each, queues the bytes a responder
/// returns as if they had arrived. An empty input reads as an immediate timeout.
/// </summary>
internal sealed class ScriptedSerialPort : ISerialPort
{
    private readonly Queue<byte> _input = new();

    public string PortName => "/dev/ttyFAKE0";

    public int BaudRate { get; set; } = 1_000_000;

    public int ReadTimeoutMs => 100;

    public bool IsOpen { get; private set; }

    public int BytesToRead => _input.Count;

    public List<byte[]> Written { get; } = [];

    /// <summary>Given the request bytes, the bytes that arrive in answer (null for none).</summary>
    public Func<byte[], byte[]?>? Responder { get; set; }

    /// <summary>Thrown by the next Read, as a vanished adapter would.</summary>
    public Exception? ReadFailure { get; set; }

    public void Open() => IsOpen = true;

    public void Close() => IsOpen = false;

    public void Write(ReadOnlySpan<byte> data)
    {
        byte[] request = data.ToArray();
        Written.Add(request);
        foreach (byte value in Responder?.Invoke(request) ?? [])
        {
            _input.Enqueue(value);
        }
    }

    public int Read(Span<byte> buffer, int timeoutMs)
    {
        if (ReadFailure is { } failure)
        {
            throw failure;
        }

        int count = 0;
        while (count < buffer.Length && _input.Count > 0)
        {
            buffer[count++] = _input.Dequeue();
        }

        return count;
    }

    public int ReadExactly(Span<byte> buffer, int timeoutMs) => Read(buffer, timeoutMs);

    public void DiscardInput() => _input.Clear();

    public void Drain()
    {
    }

    public void Dispose() => Close();
}
