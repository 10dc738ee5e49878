using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;

namespace RobotSdk.Drivers.Feetech.Tests;

public sealed class EmulatorLifecycleTests
{
    private static FeetechEmulator NewEmulator(FeetechEmulatorOptions? options = null) =>
        new(new FirstOrderJointBackend(1), [new VirtualServoConfiguration(1, 0)], options);

    [Fact]
    public void Constructor_OpensNothing()
    {
        using FeetechEmulator emulator = NewEmulator();

        Assert.False(emulator.IsRunning);
        Assert.Throws<InvalidOperationException>(() => emulator.PortPath);
    }

    [Fact]
    public void Start_ServesOnAPty_AndDisposeHangsUpTheClient()
    {
        FeetechEmulator emulator = NewEmulator();
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.PortPath);
        var bus = new FeetechBus(port, new FeetechBusOptions { ReplyTimeoutMs = 250 });
        bus.Open();
        Assert.StartsWith("/dev/pts/", emulator.PortPath, StringComparison.Ordinal);
        Assert.Equal(1, bus.Ping(1).Id);

        emulator.Dispose();

        Assert.Throws<DeviceDisconnectedException>(() => bus.Ping(1));
        emulator.Dispose();
    }

    [Fact]
    public void LinkPath_PointsAtThePty_AndIsRemovedOnDispose()
    {
        string link = Path.Combine(Path.GetTempPath(), $"ttyFEETECH-{Guid.NewGuid():N}");
        using (FeetechEmulator emulator = NewEmulator(new FeetechEmulatorOptions { LinkPath = link }))
        {
            emulator.Start();
            Assert.Equal(link, emulator.LinkPath);
            Assert.Equal(emulator.PortPath, new FileInfo(link).LinkTarget);

            using var port = new LinuxSerialPort(link);
            var bus = new FeetechBus(port, new FeetechBusOptions { ReplyTimeoutMs = 250 });
            bus.Open();
            Assert.Equal(777, bus.Ping(1).ModelNumber);
        }

        Assert.False(File.Exists(link));
    }

    [Fact]
    public void Stop_SilencesTheServos_AndStartResumes_OnTheSamePort()
    {
        using FeetechEmulator emulator = NewEmulator();
        emulator.Start();
        string path = emulator.PortPath;
        using var port = new LinuxSerialPort(path);
        var bus = new FeetechBus(port, new FeetechBusOptions { ReplyTimeoutMs = 30, Retries = 0 });
        bus.Open();

        emulator.Stop();
        Assert.False(emulator.IsRunning);
        Assert.Throws<HardwareTimeoutException>(() => bus.Ping(1));

        emulator.Start();
        Assert.Equal(path, emulator.PortPath);
        var patient = new FeetechBus(port, new FeetechBusOptions { ReplyTimeoutMs = 250 });
        Assert.Equal(1, patient.Ping(1).Id);
    }

    [Fact]
    public void Start_AfterDispose_Throws()
    {
        FeetechEmulator emulator = NewEmulator();
        emulator.Dispose();

        Assert.Throws<ObjectDisposedException>(emulator.Start);
    }
}
