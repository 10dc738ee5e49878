using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RobotSdk.Transports.Tests;

public sealed class LinuxSerialPortTests : IDisposable
{
    private readonly PseudoTerminalPair _pair = PseudoTerminalPair.Create();

    public void Dispose() => _pair.Dispose();

    [Fact]
    public void Termios_HasGlibcLayoutOf60Bytes()
    {
        Assert.Equal(Termios.ExpectedSize, Unsafe.SizeOf<Termios>());
        Assert.Equal(8, Unsafe.SizeOf<PollDescriptor>());
    }

    [Fact]
    public void Constructor_DoesNotOpenTheDevice()
    {
        using var port = new LinuxSerialPort("/dev/this-port-does-not-exist");

        Assert.False(port.IsOpen);
        Assert.Equal("/dev/this-port-does-not-exist", port.PortName);
    }

    [Theory]
    [InlineData(9600)]
    [InlineData(57600)]
    [InlineData(115200)]
    [InlineData(1000000)]
    [InlineData(4000000)]
    public void Open_ConfiguresTheRequestedBaudRate(int baudRate)
    {
        using var port = new LinuxSerialPort(_pair.SubordinatePath, new SerialPortOptions { BaudRate = baudRate });

        port.Open();

        Assert.Equal(baudRate, port.ReadConfiguredBaudRate());
        Assert.Equal(baudRate, _pair.SubordinateBaudRate);
    }

    [Fact]
    public void BaudRate_ReconfiguresTheLine_WhenSetWhileOpen()
    {
        using var port = OpenPort();

        port.BaudRate = 57600;

        Assert.Equal(57600, _pair.SubordinateBaudRate);
        Assert.Equal(57600, port.BaudRate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12345)]
    [InlineData(4500000)]
    public void Constructor_ThrowsArgumentOutOfRange_ForUnsupportedBaudRate(int baudRate)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => new LinuxSerialPort(_pair.SubordinatePath, new SerialPortOptions { BaudRate = baudRate }));

        Assert.Equal(baudRate, exception.ActualValue);
        if (baudRate > 0)
        {
            Assert.Contains("9600", exception.Message, StringComparison.Ordinal);
            Assert.Contains("4000000", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BaudRate_ThrowsArgumentOutOfRange_ForUnsupportedRate()
    {
        using var port = OpenPort();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => port.BaudRate = 250);

        Assert.Equal(250, exception.ActualValue);
        Assert.Equal(115200, port.BaudRate);
    }

    [Fact]
    public void Write_ReachesTheMasterUnchanged_ForEveryByteValue()
    {
        using var port = OpenPort();
        byte[] all = Enumerable.Range(0, 256).Select(value => (byte)value).ToArray();

        port.Write(all);
        var received = new byte[256];
        int count = _pair.Master.ReadExactly(received, 2000);

        Assert.Equal(256, count);
        Assert.Equal(all, received);
    }

    [Fact]
    public void Read_ReturnsBytesTheMasterWrote_ForEveryByteValue()
    {
        using var port = OpenPort();
        byte[] all = Enumerable.Range(0, 256).Select(value => (byte)(255 - value)).ToArray();

        _pair.Master.Write(all);
        var received = new byte[256];
        int count = port.ReadExactly(received, 2000);

        Assert.Equal(256, count);
        Assert.Equal(all, received);
    }

    [Fact]
    public void Read_ReturnsZeroWithinItsTimeout_WhenNothingArrives()
    {
        using var port = OpenPort();
        var buffer = new byte[16];
        var stopwatch = Stopwatch.StartNew();

        int count = port.Read(buffer, 100);

        stopwatch.Stop();
        Assert.Equal(0, count);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 90, 1000);
    }

    [Fact]
    public void Read_ReturnsZeroAtOnce_WhenTimeoutIsZero()
    {
        using var port = OpenPort();
        var stopwatch = Stopwatch.StartNew();

        int count = port.Read(new byte[4], 0);

        Assert.Equal(0, count);
        Assert.True(stopwatch.ElapsedMilliseconds < 50, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void ReadExactly_ReturnsPartialCount_WhenTheTimeoutExpiresFirst()
    {
        using var port = OpenPort();
        _pair.Master.Write([1, 2, 3]);
        var buffer = new byte[8];

        int count = port.ReadExactly(buffer, 150);

        Assert.Equal(3, count);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..3]);
    }

    [Fact]
    public void BytesToRead_CountsPendingBytes_AndDiscardInputDropsThem()
    {
        using var port = OpenPort();
        _pair.Master.Write([10, 20, 30, 40, 50]);
        Poll.Until(() => port.BytesToRead == 5, "five pending bytes");

        port.DiscardInput();

        Assert.Equal(0, port.BytesToRead);
        Assert.Equal(0, port.Read(new byte[8], 50));
    }

    [Fact]
    public void Drain_Returns_AfterWrite()
    {
        using var port = OpenPort();
        port.Write([1, 2, 3]);

        port.Drain();

        Assert.Equal(3, _pair.Master.ReadExactly(new byte[3], 1000));
    }

    [Fact]
    public void Open_ThrowsBusy_WhenAnotherPortHoldsTheDevice()
    {
        using var first = OpenPort();
        using var second = new LinuxSerialPort(_pair.SubordinatePath);

        var exception = Assert.Throws<DeviceUnavailableException>(second.Open);

        Assert.Equal(DeviceUnavailableReason.Busy, exception.UnavailableReason);
        Assert.Contains(_pair.SubordinatePath, exception.Message, StringComparison.Ordinal);
        Assert.False(second.IsOpen);
    }

    [Fact]
    public void Open_Succeeds_AfterTheHolderClosed()
    {
        using (OpenPort())
        {
        }

        using var second = OpenPort();

        Assert.True(second.IsOpen);
    }

    [Fact]
    public void Open_SharesTheDevice_WhenNotExclusive()
    {
        using var first = new LinuxSerialPort(_pair.SubordinatePath, new SerialPortOptions { Exclusive = false });
        using var second = new LinuxSerialPort(_pair.SubordinatePath, new SerialPortOptions { Exclusive = false });

        first.Open();
        second.Open();

        Assert.True(second.IsOpen);
    }

    [Fact]
    public void Open_ThrowsNotFound_NamingThePath_WhenThePortDoesNotExist()
    {
        using var port = new LinuxSerialPort("/dev/ttyUSB-robotsdk-missing");

        var exception = Assert.Throws<DeviceUnavailableException>(port.Open);

        Assert.Equal(DeviceUnavailableReason.NotFound, exception.UnavailableReason);
        Assert.Equal("/dev/ttyUSB-robotsdk-missing", exception.Bus);
        Assert.Contains("/dev/ttyUSB-robotsdk-missing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ThrowsRefused_NamingThePath_WhenThePathIsARegularFile()
    {
        string path = Path.GetTempFileName();
        try
        {
            using var port = new LinuxSerialPort(path);

            var exception = Assert.Throws<DeviceUnavailableException>(port.Open);

            Assert.Equal(DeviceUnavailableReason.Refused, exception.UnavailableReason);
            Assert.Contains(path, exception.Message, StringComparison.Ordinal);
            Assert.Contains("not a serial port", exception.Message, StringComparison.Ordinal);
            Assert.False(port.IsOpen);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_ThrowsRefused_WhenThePathIsADirectory()
    {
        using var port = new LinuxSerialPort(Path.GetTempPath());

        var exception = Assert.Throws<DeviceUnavailableException>(port.Open);

        Assert.Equal(DeviceUnavailableReason.Refused, exception.UnavailableReason);
    }

    [Fact]
    public void Open_Throws_WhenAlreadyOpen()
    {
        using var port = OpenPort();

        Assert.Throws<InvalidOperationException>(port.Open);
    }

    [Fact]
    public void ReadAndWrite_ThrowInvalidOperation_WhenNotOpen()
    {
        using var port = new LinuxSerialPort(_pair.SubordinatePath);

        Assert.Throws<InvalidOperationException>(() => port.Read(new byte[1], 0));
        Assert.Throws<InvalidOperationException>(() => port.Write([1]));
    }

    [Fact]
    public void Operations_ThrowObjectDisposed_AfterDispose()
    {
        var port = OpenPort();

        port.Dispose();

        Assert.False(port.IsOpen);
        Assert.Throws<ObjectDisposedException>(port.Open);
    }

    [Fact]
    public void Read_ThrowsDeviceDisconnected_WhenMasterClosesDuringTheRead()
    {
        using var port = OpenPort();
        using var reading = new ManualResetEventSlim();
        var stopwatch = Stopwatch.StartNew();
        var reader = Task.Run(() =>
        {
            reading.Set();
            return port.Read(new byte[16], 5000);
        });
        reading.Wait();

        _pair.Master.Close();

        var exception = Assert.Throws<AggregateException>(() => reader.Wait(3000)).InnerException;
        Assert.IsType<DeviceDisconnectedException>(exception);
        Assert.Contains(_pair.SubordinatePath, exception.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.ElapsedMilliseconds < 3000, $"the read took {stopwatch.ElapsedMilliseconds} ms to notice");
    }

    [Fact]
    public void Read_ThrowsDeviceDisconnected_WhenMasterClosedBeforeTheRead()
    {
        using var port = OpenPort();
        _pair.Master.Close();

        Assert.Throws<DeviceDisconnectedException>(() => port.Read(new byte[16], 1000));
        Assert.Throws<DeviceDisconnectedException>(() => port.Read(new byte[16], 0));
    }

    [Fact]
    public void Write_ThrowsDeviceDisconnected_WhenMasterClosed()
    {
        using var port = OpenPort();
        _pair.Master.Close();

        var exception = Assert.Throws<DeviceDisconnectedException>(() => port.Write([1, 2, 3]));

        Assert.Contains(_pair.SubordinatePath, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThrowsHardwareTimeout_WhenNobodyReadsAndTheQueueFills()
    {
        using var port = new LinuxSerialPort(_pair.SubordinatePath, new SerialPortOptions { WriteTimeoutMs = 100 });
        port.Open();

        var exception = Assert.Throws<HardwareTimeoutException>(() => port.Write(new byte[4 * 1024 * 1024]));

        Assert.Contains("write timed out", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Works_ThroughASymbolicLink()
    {
        string link = Path.Combine(Path.GetTempPath(), $"ttyROBOTSDK-{Guid.NewGuid():N}");
        _pair.CreateLink(link);
        using var port = new LinuxSerialPort(link);

        port.Open();
        port.Write([42]);

        var buffer = new byte[1];
        Assert.Equal(1, _pair.Master.ReadExactly(buffer, 1000));
        Assert.Equal(42, buffer[0]);
    }

    private LinuxSerialPort OpenPort()
    {
        var port = new LinuxSerialPort(_pair.SubordinatePath);
        port.Open();
        return port;
    }
}
