using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.AgileX.Tests;

/// <summary>
/// The master side of a pty playing an SLCAN adapter with a minimal PiPER behind it, written
/// independently of the SDK's emulators: it records every line the client sends, byte for byte,
/// answers setup commands with CR and frames with <c>z</c>, and injects the arm's feedback lines
/// (in standby until it sees CAN control, disabled until it sees enable-all) every 10 ms.
/// </summary>
internal sealed class ScriptedSlcanArm : IDisposable
{
    private readonly PseudoTerminalPair _pair = PseudoTerminalPair.Create();
    private readonly Lock _writeLock = new();
    private readonly Thread _reader;
    private readonly Timer _feeder;
    private volatile bool _stopping;
    private volatile bool _open;
    private volatile bool _canControl;
    private volatile bool _enabled;

    public ScriptedSlcanArm()
    {
        _reader = new Thread(Run) { IsBackground = true, Name = "scripted SLCAN arm" };
        _reader.Start();
        _feeder = new Timer(_ => InjectFeedback(), null, 10, 10);
    }

    public string PortPath => _pair.SubordinatePath;

    /// <summary>Every line received, without its CR, in order.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The frame lines received (those starting with t), in order.</summary>
    public string[] FrameLines => [.. Lines.Where(line => line.StartsWith('t'))];

    public void Dispose()
    {
        _stopping = true;
        _feeder.Dispose();
        _reader.Join();
        _pair.Dispose();
    }

    private static string Line(CanFrame frame) =>
        string.Create(CultureInfo.InvariantCulture, $"t{frame.Id:X3}{frame.Length}{Convert.ToHexString(frame.Data)}\r");

    private void InjectFeedback()
    {
        if (!_open || _stopping)
        {
            return;
        }

        var text = new StringBuilder();
        ControlMode mode = _canControl ? ControlMode.CanControl : ControlMode.Standby;
        text.Append(Line(PiperProtocol.EncodeArmStatus(new ArmStatusFeedback(mode, ArmStatus.Normal, MoveMode.Joint, TeachStatus.Off, MotionStatus.Reached, 0, ArmErrors.None))));
        for (int pair = 0; pair < PiperProtocol.JointPairCount; pair++)
        {
            text.Append(Line(PiperProtocol.EncodeJointFeedback(pair, 0, 0)));
        }

        text.Append(Line(PiperProtocol.EncodeGripperFeedback(new GripperFeedback(0, 0, GripperStatus.None))));
        for (int motor = 1; motor <= 6; motor++)
        {
            text.Append(Line(PiperProtocol.EncodeLowSpeedFeedback(new MotorLowSpeedFeedback(motor, 24, 30, 30, _enabled ? MotorDriverStatus.Enabled : MotorDriverStatus.None, 0))));
        }

        Write(text.ToString());
    }

    private void Write(string text)
    {
        try
        {
            lock (_writeLock)
            {
                _pair.Master.Write(Encoding.ASCII.GetBytes(text));
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException)
        {
            // Disposed while feeding.
        }
    }

    private void Run()
    {
        var buffer = new byte[256];
        var line = new StringBuilder();
        try
        {
            while (!_stopping)
            {
                int count = _pair.Master.Read(buffer, 20);
                for (int i = 0; i < count; i++)
                {
                    if (buffer[i] != '\r')
                    {
                        line.Append((char)buffer[i]);
                        continue;
                    }

                    string text = line.ToString();
                    line.Clear();
                    Lines.Enqueue(text);
                    Handle(text);
                }
            }
        }
        catch (Exception exception) when (exception is HardwareFaultException or InvalidOperationException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private void Handle(string line)
    {
        if (line.StartsWith('t'))
        {
            if (line.StartsWith("t1518" + "01", StringComparison.Ordinal))
            {
                _canControl = true;
            }
            else if (line.StartsWith("t4718", StringComparison.Ordinal))
            {
                _enabled = line.Substring(5, 4) is "0702" or "FF02";
            }

            Write("z\r");
            return;
        }

        if (line == "O")
        {
            _open = true;
        }
        else if (line == "C")
        {
            _open = false;
        }

        Write("\r");
    }
}
