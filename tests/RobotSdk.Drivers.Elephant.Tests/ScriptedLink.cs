using RobotSdk.Transports;

namespace RobotSdk.Drivers.Elephant.Tests;

/// <summary>
/// A real pty whose device side the test plays byte for byte: the code under test opens
/// <see cref="Port"/> (a <see cref="LinuxSerialPort"/>), the test reads what it wrote and answers.
/// </summary>
internal sealed class ScriptedLink : IDisposable
{
    public ScriptedLink()
    {
        Pair = PseudoTerminalPair.Create();
        Port = new LinuxSerialPort(Pair.SubordinatePath);
    }

    public PseudoTerminalPair Pair { get; }

    public LinuxSerialPort Port { get; }

    /// <summary>Reads exactly <paramref name="length"/> bytes the client wrote, as spaced hex.</summary>
    public string ReadRequest(int length)
    {
        var request = new byte[length];
        int read = Pair.Master.ReadExactly(request, 5000);
        return Hex.Format(request.AsSpan(0, read));
    }

    /// <summary>Sends bytes to the client at once.</summary>
    public void Send(string hex)
    {
        Pair.Master.Write(Hex.Parse(hex));
        Pair.Master.Drain();
    }

    /// <summary>Whether the client wrote anything within <paramref name="timeoutMs"/>.</summary>
    public bool ClientWroteWithin(int timeoutMs)
    {
        Span<byte> one = stackalloc byte[1];
        return Pair.Master.Read(one, timeoutMs) > 0;
    }

    public void Dispose()
    {
        Port.Dispose();
        Pair.Dispose();
    }
}
