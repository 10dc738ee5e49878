using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace RobotSdk.Transports.Tests;

public sealed class SlcanBusTests : IDisposable
{
    private readonly PseudoTerminalPair _pair = PseudoTerminalPair.Create();
    private readonly LinuxSerialPort _port;

    public SlcanBusTests()
    {
        _port = new LinuxSerialPort(_pair.SubordinatePath);
    }

    public void Dispose()
    {
        _port.Dispose();
        _pair.Dispose();
    }

    [Fact]
    public void Send_WritesThePiperGoldenLines_ExactlyAsTheVendorSdk()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = new SlcanBus(_port);
        bus.Open(1000000);

        bus.Send(new CanFrame(0x471, [0x07, 0x02, 0, 0, 0, 0, 0, 0]));
        bus.Send(new CanFrame(0x151, [0x01, 0x01, 50, 0, 0, 0, 0, 0]));
        bus.Send(JointPair(0x155, 10, -20));
        bus.Send(JointPair(0x156, 30, 0));
        bus.Send(JointPair(0x157, 45, -90));
        bus.Send(Gripper(strokeMillimetres: 50, effortNewtonMetres: 1, code: 1));

        string expected =
            "C\rS8\rO\r"
            + "t47180702000000000000\r"
            + "t15180101320000000000\r"
            + "t155800002710FFFFB1E0\r"
            + "t15680000753000000000\r"
            + "t15780000AFC8FFFEA070\r"
            + "t15980000C35003E80100\r";
        Poll.Until(() => adapter.Wire.Length >= expected.Length, "the six golden lines on the wire");
        Assert.Equal(expected, adapter.Wire);
        Assert.Equal(6, bus.Statistics.FramesSent);
    }

    [Fact]
    public void Open_SendsTheBitrateCommand_ForEachSupportedBitrate()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = new SlcanBus(_port);
        int[] bitrates = [10000, 20000, 50000, 100000, 125000, 250000, 500000, 750000, 1000000];

        foreach (int bitrate in bitrates)
        {
            bus.Open(bitrate);
            Assert.Equal(bitrate, bus.Bitrate);
            bus.Close();
        }

        string[] setup = adapter.Lines.Where(line => line.StartsWith('S')).ToArray();
        Assert.Equal(["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"], setup);
    }

    [Fact]
    public void Open_ThrowsArgumentOutOfRange_ForABitrateWithoutSetupCommand()
    {
        using var bus = new SlcanBus(_port);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => bus.Open(800000));

        Assert.Equal(800000, exception.ActualValue);
        Assert.False(_port.IsOpen);
    }

    [Fact]
    public void Open_OpensThePort_AndCloseClosesItAgain()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = new SlcanBus(_port);

        bus.Open(500000);
        Assert.True(_port.IsOpen);
        bus.Close();

        Assert.False(_port.IsOpen);
        Poll.Until(() => adapter.Lines.Count(line => line == "C") == 2, "the closing C");
    }

    [Fact]
    public void Close_LeavesThePortOpen_WhenTheCallerOpenedIt()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        _port.Open();
        using var bus = new SlcanBus(_port);

        bus.Open(1000000);
        bus.Close();

        Assert.True(_port.IsOpen);
    }

    [Fact]
    public void Open_ThrowsDeviceError_NamingTheCommand_WhenTheAdapterAnswersBell()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master, "z\r", "S8");
        using var bus = new SlcanBus(_port);

        var exception = Assert.Throws<DeviceErrorException>(() => bus.Open(1000000));

        Assert.Equal("S8", exception.Register);
        Assert.Equal(7, exception.ErrorCode);
        Assert.Contains("'S8'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_pair.SubordinatePath, exception.Message, StringComparison.Ordinal);
        Assert.False(bus.IsOpen);
        Assert.False(_port.IsOpen);
    }

    [Fact]
    public void Open_ThrowsHardwareTimeout_NamingTheCommand_WhenNothingAnswers()
    {
        using var bus = new SlcanBus(_port, commandTimeoutMs: 100);
        var stopwatch = Stopwatch.StartNew();

        var exception = Assert.Throws<HardwareTimeoutException>(() => bus.Open(1000000));

        Assert.Equal("S8", exception.Register);
        Assert.True(stopwatch.ElapsedMilliseconds < 2000, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void TryReceive_DecodesStandardExtendedAndRemoteFrames()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();

        adapter.Inject("t2A580000271000004E20\rT1ABCDEF020102\rr1234\rR000001000\r");

        Assert.Equal(CanFrame.Parse("2A5#0000271000004E20"), Receive(bus));
        Assert.Equal(new CanFrame(0x1ABCDEF0, [1, 2], isExtended: true), Receive(bus));
        Assert.Equal(CanFrame.CreateRemote(0x123, 4), Receive(bus));
        Assert.Equal(CanFrame.CreateRemote(0x100, 0, isExtended: true), Receive(bus));
        Assert.Equal(4, bus.Statistics.FramesReceived);
        Assert.Equal(0, bus.Statistics.ReceiveErrors);
    }

    [Fact]
    public void TryReceive_SkipsAndCountsMalformedLines()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();

        adapter.Inject("garbage\rt12\r" + new string('t', 200) + "\rt1231AA\r");

        Assert.Equal(new CanFrame(0x123, [0xAA]), Receive(bus));
        Assert.Equal(3, bus.Statistics.ReceiveErrors);
    }

    [Fact]
    public void TryReceive_SkipsTransmitAcknowledgementsInterleavedWithFrames()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();

        adapter.Inject("z\rt1001AA\rZ\r\rt2001BB\r");

        Assert.Equal(new CanFrame(0x100, [0xAA]), Receive(bus));
        Assert.Equal(new CanFrame(0x200, [0xBB]), Receive(bus));
        Assert.Equal(0, bus.Statistics.ReceiveErrors);
    }

    [Fact]
    public void TryReceive_CountsABellAsATransmitError()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();

        adapter.Inject("\at3001CC\r");

        Assert.Equal(new CanFrame(0x300, [0xCC]), Receive(bus));
        Assert.Equal(1, bus.Statistics.TransmitErrors);
    }

    [Fact]
    public void TryReceive_ReassemblesALineSplitAcrossReads()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();

        adapter.Inject("t4002");
        Assert.False(bus.TryReceive(out _, 50));
        adapter.Inject("0102\r");

        Assert.Equal(new CanFrame(0x400, [1, 2]), Receive(bus));
    }

    [Fact]
    public void TryReceive_ReturnsFalseWithinItsTimeout_WhenNothingArrives()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();
        var stopwatch = Stopwatch.StartNew();

        bool received = bus.TryReceive(out CanFrame frame, 100);

        Assert.False(received);
        Assert.Equal(default, frame);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 90, 1000);
    }

    [Fact]
    public void TryReceive_ReturnsRandomFramesUnchanged()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();
        var random = new Random(7);
        var buffer = new byte[SlcanCodec.MaxFrameLineLength];

        for (int trial = 0; trial < 300; trial++)
        {
            CanFrame frame = CanFrameGenerator.Next(random);
            int length = SlcanCodec.Format(frame, buffer);
            adapter.Inject(buffer[..length]);

            Assert.Equal(frame, Receive(bus));
        }
    }

    [Fact]
    public void SendAndTryReceive_AllocateNothing_InSteadyState()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master, transmitAcknowledgement: "t1238AABBCCDDEEFF0011\r");
        using var bus = OpenBus();
        var frame = new CanFrame(0x155, [0, 0, 0x27, 0x10, 0xFF, 0xFF, 0xB1, 0xE0]);

        Exchange(bus, frame, 50);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exchange(bus, frame, 500);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryReceive_ThrowsDeviceDisconnected_WhenTheAdapterVanishes()
    {
        using var adapter = new SlcanAdapterEmulator(_pair.Master);
        using var bus = OpenBus();

        _pair.Master.Close();

        Assert.Throws<DeviceDisconnectedException>(() => bus.TryReceive(out _, 1000));
    }

    [Fact]
    public void SendAndTryReceive_ThrowInvalidOperation_WhenNotOpen()
    {
        using var bus = new SlcanBus(_port);

        Assert.Throws<InvalidOperationException>(() => bus.Send(new CanFrame(1, [])));
        Assert.Throws<InvalidOperationException>(() => bus.TryReceive(out _, 0));
    }

    [Fact]
    public void Name_NamesTheSerialPort()
    {
        using var bus = new SlcanBus(_port);

        Assert.Equal($"slcan:{_pair.SubordinatePath}", bus.Name);
    }

    private static void Exchange(SlcanBus bus, CanFrame frame, int count)
    {
        for (int index = 0; index < count; index++)
        {
            bus.Send(frame);
            if (!bus.TryReceive(out _, 1000))
            {
                throw new InvalidOperationException("no frame came back");
            }
        }
    }

    private static CanFrame Receive(SlcanBus bus)
    {
        Assert.True(bus.TryReceive(out CanFrame frame, 2000), "expected a frame");
        return frame;
    }

    private static CanFrame JointPair(uint id, int firstDegrees, int secondDegrees)
    {
        // PiPER joint targets: two big-endian int32 in 0.001 degree.
        var data = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(data, firstDegrees * 1000);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), secondDegrees * 1000);
        return new CanFrame(id, data);
    }

    private static CanFrame Gripper(int strokeMillimetres, int effortNewtonMetres, byte code)
    {
        // PiPER gripper: stroke int32 0.001 mm, effort u16 0.001 N·m, code, set-zero.
        var data = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(data, strokeMillimetres * 1000);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(4), (ushort)(effortNewtonMetres * 1000));
        data[6] = code;
        return new CanFrame(0x159, data);
    }

    private SlcanBus OpenBus()
    {
        var bus = new SlcanBus(_port);
        bus.Open(1000000);
        return bus;
    }
}
