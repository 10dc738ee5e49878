using System.Diagnostics;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;
using RobotSdk.Transports;
using Xunit.Abstractions;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>
/// The emulator's timing model. Only lower bounds are asserted (a reply can never come before the
/// model allows, whatever the machine's load); how close replies come to the model is reported.
/// </summary>
public sealed class EmulatorTimingTests
{
    private readonly ITestOutputHelper _output;

    public EmulatorTimingTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(1_000_000, 250)]
    [InlineData(1_000_000, 0)]
    [InlineData(115_200, 250)]
    public void PingReply_NeverComesBefore_RequestWireTime_ReturnDelay_AndReplyWireTime(int baudRate, int returnDelay)
    {
        var options = new FeetechEmulatorOptions { BaudRate = baudRate, ReturnDelayTime = returnDelay };
        using var emulator = new FeetechEmulator(new FirstOrderJointBackend(1), [new VirtualServoConfiguration(1, 0)], options);
        emulator.Start();
        using var port = new LinuxSerialPort(emulator.PortPath, new SerialPortOptions { BaudRate = baudRate });
        port.Open();
        double modelMicroseconds = ((6 + 6) * 10 * 1e6 / baudRate) + (2 * returnDelay);
        var ping = new byte[6];
        FeetechPacket.EncodePing(ping, 1);
        var reply = new byte[6];
        var roundTrips = new List<double>();

        for (int i = 0; i < 200; i++)
        {
            long start = Stopwatch.GetTimestamp();
            port.Write(ping);
            Assert.Equal(6, port.ReadExactly(reply, 1000));
            roundTrips.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        Assert.All(roundTrips, roundTrip => Assert.True(roundTrip >= modelMicroseconds, $"{roundTrip:F0} us is shorter than the model's {modelMicroseconds:F0} us"));
        roundTrips.Sort();
        (long count, double meanLateness, double maxLateness) = emulator.ReleaseLateness();
        _output.WriteLine(
            $"{baudRate} baud, return delay {2 * returnDelay} us: model {modelMicroseconds:F0} us, round trip median {roundTrips[100]:F0} us, " +
            $"p99 {roundTrips[197]:F0} us; release lateness over {count} replies: mean {meanLateness:F1} us, max {maxLateness:F1} us");
    }

    [Fact]
    public void SyncReadReplies_FollowOneAnother_EachAfterItsOwnReturnDelay()
    {
        using var fixture = new EmulatedBus();
        fixture.Bus.Write(2, Sts3215.ReturnDelayTime, 100); // 200 us instead of 500 us
        var request = new byte[32];
        int length = FeetechPacket.EncodeSyncRead(request, 56, 2, EmulatedBus.ArmIds);
        var replies = new byte[6 * 8];
        double model = (length * 10) + (5 * 500) + 200 + (6 * 8 * 10); // microseconds at 1 Mbps

        long start = Stopwatch.GetTimestamp();
        fixture.Port.Write(request.AsSpan(0, length));
        Assert.Equal(replies.Length, fixture.Port.ReadExactly(replies, 1000));
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;

        Assert.True(elapsed >= model, $"{elapsed:F0} us is shorter than the model's {model:F0} us");
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(EmulatedBus.ArmIds[i], replies[(8 * i) + 2]);
        }

        _output.WriteLine($"sync read of 6: model {model:F0} us, measured {elapsed:F0} us");
    }
}
