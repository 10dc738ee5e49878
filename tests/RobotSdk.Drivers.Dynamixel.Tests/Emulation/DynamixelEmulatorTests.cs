using System.Diagnostics;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;
using Xunit.Abstractions;

namespace RobotSdk.Drivers.Dynamixel.Tests.Emulation;

public sealed class DynamixelEmulatorTests(ITestOutputHelper output)
{
    [Fact]
    public void StartStopDispose_AreClean_AndTheLinkComesAndGoes()
    {
        string link = Path.Combine(Path.GetTempPath(), $"ttyDXL-{Guid.NewGuid():N}");
        var backend = new FirstOrderJointBackend(1);
        var emulator = new DynamixelEmulator(backend, [new VirtualServo(1, ServoModel.XM430W350, 0)], new DynamixelEmulatorOptions { LinkPath = link });

        Assert.Equal(link, emulator.PortPath);
        Assert.Equal(emulator.SubordinatePath, new FileInfo(link).LinkTarget);
        Assert.False(emulator.IsRunning);
        emulator.Start();
        Assert.True(emulator.IsRunning);
        Assert.Throws<InvalidOperationException>(emulator.Start);
        emulator.Stop();
        Assert.False(emulator.IsRunning);
        emulator.Start();
        emulator.Dispose();

        Assert.False(emulator.IsRunning);
        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
        Assert.Null(emulator.Fault);
        emulator.Dispose();
    }

    [Fact]
    public void Constructor_RefusesDuplicateIds_AndJointsTheBackendLacks()
    {
        var backend = new FirstOrderJointBackend(2);

        Assert.Throws<ArgumentException>(() => new DynamixelEmulator(backend, [new VirtualServo(1, ServoModel.XM430W350, 0), new VirtualServo(1, ServoModel.XM430W350, 1)]));
        Assert.Throws<ArgumentException>(() => new DynamixelEmulator(backend, [new VirtualServo(1, ServoModel.XM430W350, 2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualServo(1, ServoModel.XM430W350, 0) { DirectionSign = 2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualServo(253, ServoModel.XM430W350, 0));
    }

    [Fact]
    public void ControlTable_StartsWithTheFactoryValues_AndTheSetup()
    {
        var backend = new FirstOrderJointBackend(1);
        using var emulator = new DynamixelEmulator(backend, [new VirtualServo(4, ServoModel.XL430W250, 0) { ReturnDelayTime = 0, DriveMode = 1 }]);

        Assert.Equal(1060, emulator.ReadRegister(4, XSeriesControlTable.ModelNumber));
        Assert.Equal(4, emulator.ReadRegister(4, XSeriesControlTable.Id));
        Assert.Equal(3, emulator.ReadRegister(4, XSeriesControlTable.BaudRate));
        Assert.Equal(0, emulator.ReadRegister(4, XSeriesControlTable.ReturnDelayTime));
        Assert.Equal(1, emulator.ReadRegister(4, XSeriesControlTable.DriveMode));
        Assert.Equal(265, emulator.ReadRegister(4, XSeriesControlTable.VelocityLimit));
        Assert.Equal(2048, emulator.ReadRegister(4, XSeriesControlTable.GoalPosition));
        Assert.Equal(100, emulator.ReadRegister(4, XSeriesControlTable.PresentInputVoltage));
    }

    [Fact]
    public void ANewId_IsAnsweredAfterTheWrite()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);

        rig.Bus.Write(1, XSeriesControlTable.Id, 7);

        Assert.Equal(7, rig.Bus.Ping(7).Id);
        Assert.Equal(7, rig.Emulator.ReadRegister(7, XSeriesControlTable.Id));
    }

    [Fact]
    public void StatusReturnLevel1_AnswersReadsButNotWrites()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)], new DynamixelBusOptions { ReplyTimeoutMs = 150, Retries = 0 });
        rig.Emulator.WriteRegister(1, XSeriesControlTable.StatusReturnLevel, 1);

        Assert.Throws<HardwareTimeoutException>(() => rig.Bus.Write(1, XSeriesControlTable.Led, 1));
        Assert.Equal(1, rig.Bus.Read(1, XSeriesControlTable.Led));
    }

    [Fact]
    public void CorruptRequests_GetACrcErrorReply()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        var request = new byte[PacketEncoder.MaxPacketLength(4)];
        int length = PacketEncoder.EncodeInstruction(request, 1, Instruction.Read, [132, 0, 4, 0]);
        request[length - 1] ^= 0xFF;
        var reply = new byte[11];

        rig.Port.Write(request.AsSpan(0, length));
        Assert.Equal(11, rig.Port.ReadExactly(reply, 1000));

        Assert.Equal(PacketDecodeResult.Ok, PacketDecoder.DecodeStatus(reply, new byte[4], out StatusPacket status));
        Assert.Equal(StatusErrorKind.CrcError, status.Error.Kind);
    }

    [Fact]
    public void UnsupportedInstructions_GetAnInstructionError()
    {
        using var rig = new EmulatedBus([EmulatedBus.Servo(1)]);
        var request = new byte[PacketEncoder.MaxPacketLength(0)];
        int length = PacketEncoder.EncodeInstruction(request, 1, Instruction.FactoryReset, []);
        var reply = new byte[11];

        rig.Port.Write(request.AsSpan(0, length));
        Assert.Equal(11, rig.Port.ReadExactly(reply, 1000));

        PacketDecoder.DecodeStatus(reply, new byte[4], out StatusPacket status);
        Assert.Equal(StatusErrorKind.InstructionError, status.Error.Kind);
    }

    [Fact]
    public void Ping_TakesAtLeastTheModelledWireTimeAndReturnDelay()
    {
        // At 1 Mbps: request 10 bytes (100 µs) + Return Delay Time 250 (500 µs) + reply 14 bytes (140 µs) = 740 µs.
        using var rig = new EmulatedBus([new VirtualServo(1, ServoModel.XM430W350, 0)]);
        const double modelMicroseconds = 740;
        rig.Bus.Ping(1);

        double[] samples = [.. Enumerable.Range(0, 200).Select(_ => TimeMicroseconds(() => rig.Bus.Ping(1)))];

        Array.Sort(samples);
        output.WriteLine($"Ping round trip at 1 Mbps, model {modelMicroseconds} µs: min {samples[0]:F0}, median {samples[100]:F0}, p95 {samples[190]:F0}, max {samples[^1]:F0} µs");
        Assert.True(samples[0] >= modelMicroseconds, $"a reply came after {samples[0]:F0} µs, before the modelled {modelMicroseconds} µs");
    }

    [Fact]
    public void SyncRead_LetsEachServoTakeItsOwnTurn()
    {
        // Three servos at 1 Mbps with 500 µs return delay: request 17 bytes, then 3 × (500 µs + 15 bytes) = 1.82 ms.
        using var rig = new EmulatedBus([.. Enumerable.Range(1, 3).Select(id => new VirtualServo((byte)id, ServoModel.XM430W350, id - 1))]);
        const double modelMicroseconds = 170 + (3 * (500 + 150));
        var positions = new byte[12];
        rig.Bus.SyncRead(132, 4, [1, 2, 3], positions);

        double[] samples = [.. Enumerable.Range(0, 100).Select(_ => TimeMicroseconds(() => rig.Bus.SyncRead(132, 4, [1, 2, 3], positions)))];

        Array.Sort(samples);
        output.WriteLine($"Sync Read of 3 at 1 Mbps, model {modelMicroseconds} µs: min {samples[0]:F0}, median {samples[50]:F0}, p95 {samples[95]:F0} µs");
        Assert.True(samples[0] >= modelMicroseconds, $"the replies were complete after {samples[0]:F0} µs, before the modelled {modelMicroseconds} µs");
    }

    [Fact]
    public void WireTime_FollowsTheRateTheClientSet()
    {
        // At 57600 baud a Ping (10 + 14 bytes) is 4.17 ms on the wire alone.
        using var rig = new EmulatedBus(
            [EmulatedBus.Servo(1)],
            emulatorOptions: new DynamixelEmulatorOptions { BaudRate = 57600 },
            clientBaudRate: 57600);

        rig.Bus.Ping(1);

        double[] samples = [.. Enumerable.Range(0, 20).Select(_ => TimeMicroseconds(() => rig.Bus.Ping(1)))];

        Array.Sort(samples);
        output.WriteLine($"Ping at 57600 baud, model 4167 µs: min {samples[0]:F0}, median {samples[10]:F0}, max {samples[^1]:F0} µs");
        Assert.True(samples[0] >= 4166, $"a reply came after {samples[0]:F0} µs");
    }

    [Fact]
    public void ClosePort_MakesClientsSeeTheDeviceVanish()
    {
        var backend = new FirstOrderJointBackend(1);
        using var emulator = new DynamixelEmulator(backend, [EmulatedBus.Servo(1, joint: 0)]);
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.SubordinatePath);
        port.Open();

        emulator.ClosePort();

        Assert.False(emulator.IsRunning);
        Assert.Throws<DeviceDisconnectedException>(() => port.Read(new byte[4], 1000));
        Assert.Throws<InvalidOperationException>(emulator.Start);
    }

    private static double TimeMicroseconds(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }
}
