using System.Diagnostics;
using System.Text;
using RobotSdk.Emulation;

namespace RobotSdk.Transports.Tests;

/// <summary>The SLCAN adapter emulator, driven by the real <see cref="SlcanBus"/> and by raw lines over its pty.</summary>
public sealed class EmulatedSlcanAdapterTests : IDisposable
{
    private static readonly CanFrame Golden = CanFrame.Parse("155#00002710FFFFB1E0");
    private readonly RecordingCanDevice _device = new();
    private readonly EmulatedSlcanAdapter _adapter;
    private readonly List<IDisposable> _owned = [];

    public EmulatedSlcanAdapterTests()
    {
        _adapter = new EmulatedSlcanAdapter(_device, new EmulatedSlcanAdapterOptions { LinkPath = Path.Combine(Path.GetTempPath(), $"ttySLCAN-{Guid.NewGuid():N}") });
        _adapter.Start();
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _adapter.Dispose();
    }

    [Fact]
    public void SlcanBus_OpensTheAdapter_AndItsFramesReachTheDevice_NoSoonerThanTheirWireTime()
    {
        SlcanBus bus = OpenBus();

        long sent = Stopwatch.GetTimestamp();
        bus.Send(Golden);

        Poll.Until(() => !_device.Received.IsEmpty, "the frame to reach the device");
        Assert.True(_device.Received.TryPeek(out (CanFrame Frame, long Ticks) received));
        Assert.Equal(Golden, received.Frame);
        Assert.True(received.Ticks - sent >= CanWireTime.FrameTicks(Golden, 1_000_000), "delivered before its 120 bits left the wire");
        Assert.True(_adapter.IsChannelOpen);
        Assert.Equal(1_000_000, _adapter.Bitrate);
    }

    [Fact]
    public void FramesTheDeviceTransmits_ReachTheClient_AsLines()
    {
        SlcanBus bus = OpenBus();
        var frames = new[] { CanFrame.Parse("2A5#0000271000004E20"), CanFrame.Parse("12345678#0102"), CanFrame.CreateRemote(0x123, 2) };

        foreach (CanFrame frame in frames)
        {
            Assert.True(_adapter.Transmit(frame));
        }

        foreach (CanFrame expected in frames)
        {
            Assert.True(bus.TryReceive(out CanFrame frame, 2000));
            Assert.Equal(expected, frame);
        }

        Assert.Equal(3, _adapter.FramesToClient);
    }

    [Fact]
    public void ABackToBackBurst_TakesAtLeastItsWireTimeOnTheBus()
    {
        SlcanBus bus = OpenBus();
        long ticks = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 50; i++)
        {
            Assert.True(_adapter.Transmit(Golden));
            ticks += CanWireTime.FrameTicks(Golden, 1_000_000);
        }

        for (int i = 0; i < 50; i++)
        {
            Assert.True(bus.TryReceive(out _, 2000));
        }

        Assert.True(Stopwatch.GetTimestamp() - start >= ticks, "50 frames of 120 bits arrived faster than 6 ms at 1 Mbit/s");
    }

    [Theory]
    [InlineData("V\r", "V1013\r")]
    [InlineData("N\r", "NA123\r")]
    [InlineData("S8\r", "\r")]
    [InlineData("S9\r", "\a")]
    [InlineData("C\r", "\a")]
    [InlineData("t1558\r", "\a")]
    [InlineData("M00000000\r", "\r")]
    [InlineData("?\r", "\a")]
    [InlineData("\r", "\r")]
    public void Commands_AreAnsweredLikeALawicelAdapter_WhileTheChannelIsClosed(string command, string reply)
    {
        LinuxSerialPort port = OpenRawPort();

        Assert.Equal(reply, Exchange(port, command));
    }

    [Fact]
    public void OpenChannel_RefusesSetupCommands_AnswersStatusFlags_AndAcknowledgesFramesWithZ()
    {
        LinuxSerialPort port = OpenRawPort();

        Assert.Equal("\r", Exchange(port, "O\r"));
        Assert.Equal("\a", Exchange(port, "S6\r"));
        Assert.Equal("\a", Exchange(port, "O\r"));
        Assert.Equal("F00\r", Exchange(port, "F\r"));
        Assert.Equal("z\r", Exchange(port, "t15580000271000000000\r"));
        Assert.Equal("Z\r", Exchange(port, "T123456781AB\r"));
        Assert.Equal("\a", Exchange(port, "t15580000\r"));
        Assert.Equal("\r", Exchange(port, "C\r"));
        Poll.Until(() => _device.Received.Count == 2, "both frames to reach the device");
    }

    [Fact]
    public void ListenOnly_DeliversFramesToTheClient_ButRefusesItsTransmissions()
    {
        LinuxSerialPort port = OpenRawPort();
        Assert.Equal("\r", Exchange(port, "L\r"));

        Assert.Equal("\a", Exchange(port, "t1230\r"));
        Assert.True(_adapter.Transmit(CanFrame.Parse("2A1#0100000000000000")));
        Assert.Equal("t2A180100000000000000\r", ReadLine(port));
        Assert.Equal(1, _adapter.TransmitsRejected);
    }

    [Fact]
    public void TimestampsOn_AppendFourHexDigits_WhichSlcanBusAccepts()
    {
        LinuxSerialPort port = OpenRawPort();
        Assert.Equal("\r", Exchange(port, "Z1\r"));
        Assert.Equal("\r", Exchange(port, "O\r"));

        Assert.True(_adapter.Transmit(CanFrame.Parse("2A1#01")));

        string line = ReadLine(port);
        Assert.Matches("^t2A1101[0-9A-F]{4}\r$", line);
    }

    [Fact]
    public void BusOff_AnswersBelToTransmits_AndDeliversNothingEitherWay()
    {
        SlcanBus bus = OpenBus();
        _adapter.SetBusOff(true);

        bus.Send(Golden);
        Assert.False(_adapter.Transmit(Golden));
        Assert.False(bus.TryReceive(out _, 100));

        Assert.Equal(1, bus.Statistics.TransmitErrors);
        Assert.True(_device.Received.IsEmpty);
        Assert.True(_adapter.IsBusOff);

        _adapter.SetBusOff(false);
        bus.Send(Golden);
        Poll.Until(() => _device.Received.Count == 1, "the frame after the bus recovered");
    }

    [Fact]
    public void DroppedFrames_AreLostInTheDirectionAsked_AndCounted()
    {
        SlcanBus bus = OpenBus();
        _adapter.DropFramesToDevice(2);
        _adapter.DropFramesToClient(1);

        for (int i = 0; i < 3; i++)
        {
            bus.Send(new CanFrame(0x155, [(byte)i]));
        }

        Assert.False(_adapter.Transmit(new CanFrame(0x2A5, [1])));
        Assert.True(_adapter.Transmit(new CanFrame(0x2A5, [2])));

        Assert.True(bus.TryReceive(out CanFrame received, 2000));
        Assert.Equal(2, received.Data[0]);
        Poll.Until(() => _device.Received.Count == 1, "the third frame to reach the device");
        Assert.True(_device.Received.TryPeek(out (CanFrame Frame, long Ticks) first));
        Assert.Equal(2, first.Frame.Data[0]);
        Assert.Equal(3, _adapter.FramesLost);
        Assert.Equal(0, bus.Statistics.TransmitErrors);
    }

    [Fact]
    public void RandomLoss_OfOne_LosesEverything_AndOfZero_Nothing()
    {
        SlcanBus bus = OpenBus();
        _adapter.SetFrameLoss(1.0);
        for (int i = 0; i < 10; i++)
        {
            _adapter.Transmit(Golden);
        }

        Assert.False(bus.TryReceive(out _, 100));
        _adapter.SetFrameLoss(0);
        Assert.True(_adapter.Transmit(Golden));
        Assert.True(bus.TryReceive(out _, 2000));
        Assert.Equal(10, _adapter.FramesLost);
        Assert.Throws<ArgumentOutOfRangeException>(() => _adapter.SetFrameLoss(1.5));
    }

    [Fact]
    public void AClientAtAnotherBitrate_GetsBel_AndSeesNothingFromTheDevice()
    {
        SlcanBus bus = OpenBus(500_000);

        bus.Send(Golden);
        Assert.False(_adapter.Transmit(Golden));

        Poll.Until(() => _adapter.TransmitsRejected == 1, "the adapter to refuse the frame");
        Assert.False(bus.TryReceive(out _, 50));
        Assert.Equal(1, bus.Statistics.TransmitErrors);
        Assert.True(_device.Received.IsEmpty);
    }

    [Fact]
    public void Unplug_MakesTheClientSeeTheDeviceVanish_AndRemovesTheLink_AndReplugServesTheSameLinkAgain()
    {
        SlcanBus bus = OpenBus();
        string link = _adapter.LinkPath!;

        _adapter.Unplug();

        Assert.Throws<DeviceDisconnectedException>(() => bus.TryReceive(out _, 500));
        Assert.False(File.Exists(link));
        Assert.False(_adapter.IsPluggedIn);
        Assert.False(_adapter.Transmit(Golden));

        _adapter.Replug();
        bus.Close();
        bus.Open(1_000_000);
        bus.Send(Golden);
        Poll.Until(() => _device.Received.Count == 1, "the frame through the replugged adapter");
        Assert.True(File.Exists(link));
    }

    [Fact]
    public void Dispose_RemovesTheLink()
    {
        var adapter = new EmulatedSlcanAdapter(_device, new EmulatedSlcanAdapterOptions { LinkPath = Path.Combine(Path.GetTempPath(), $"ttySLCAN-{Guid.NewGuid():N}") });
        adapter.Start();
        string link = adapter.ClientPath;
        Assert.True(File.Exists(link));

        adapter.Dispose();

        Assert.False(File.Exists(link));
        Assert.Throws<InvalidOperationException>(() => adapter.PortPath);
    }

    [Fact]
    public void Constructor_ValidatesItsOptions_AndOpensNothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatedSlcanAdapter(_device, new EmulatedSlcanAdapterOptions { QueueCapacity = 1 }));
        Assert.Throws<ArgumentException>(() => new EmulatedSlcanAdapter(_device, new EmulatedSlcanAdapterOptions { LinkPath = " " }));
        using var idle = new EmulatedSlcanAdapter(_device);
        Assert.False(idle.IsPluggedIn);
        Assert.Throws<InvalidOperationException>(idle.Replug);
    }

    private SlcanBus OpenBus(int bitrate = 1_000_000)
    {
        var port = Own(new LinuxSerialPort(_adapter.ClientPath));
        var bus = Own(new SlcanBus(port));
        bus.Open(bitrate);
        return bus;
    }

    private LinuxSerialPort OpenRawPort()
    {
        var port = Own(new LinuxSerialPort(_adapter.ClientPath));
        port.Open();
        return port;
    }

    private static string Exchange(LinuxSerialPort port, string command)
    {
        port.Write(Encoding.ASCII.GetBytes(command));
        return ReadLine(port);
    }

    /// <summary>Reads up to and including the next CR or BEL.</summary>
    private static string ReadLine(LinuxSerialPort port)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.ElapsedMilliseconds < 5000)
        {
            if (port.Read(one, 100) == 1)
            {
                text.Append((char)one[0]);
                if (one[0] is (byte)'\r' or 0x07)
                {
                    return text.ToString();
                }
            }
        }

        Assert.Fail($"No complete reply; got '{text}'.");
        return string.Empty;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
