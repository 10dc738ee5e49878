using System.Runtime.Versioning;
using System.Text.Json;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Emulation;

namespace RobotSdk.Cli.Tests;

[SupportedOSPlatform("linux")]
public sealed class ServoCommandTests
{
    [Fact]
    public void Scan_ListsEveryServoOfAnEmulatedFeetechBus()
    {
        using var emulator = new FeetechEmulator(new FirstOrderJointBackend(3), [new(1, 0), new(2, 1), new(3, 2)]);
        emulator.Start();

        (int exitCode, string output, string error) = RobotProcess.Run("scan", "--port", emulator.PortPath, "--protocol", "feetech", "--last-id", "10");

        Assert.True(exitCode == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Contains("STS3215", line, StringComparison.Ordinal));
        Assert.StartsWith("ID   1", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_GoalPositionOfADynamixelServo_RoundTrips()
    {
        using var emulator = new DynamixelEmulator(new FirstOrderJointBackend(1), [new VirtualServo(7, ServoModel.XL430W250, 0)]);
        emulator.Start();

        (int writeExit, string written, string writeError) = RobotProcess.Run("write", "--port", emulator.PortPath, "--protocol", "dynamixel", "--id", "7", "--register", "Goal_Position", "--value", "3000");
        (int readExit, string read, string readError) = RobotProcess.Run("read", "--port", emulator.PortPath, "--protocol", "dynamixel", "--id", "7", "--register", "goal position");

        Assert.True(writeExit == 0, writeError);
        Assert.True(readExit == 0, readError);
        Assert.Contains("Goal Position := 3000", written, StringComparison.Ordinal);
        Assert.Contains("ID 7 Goal Position = 3000", read, StringComparison.Ordinal);
        Assert.Equal(3000, emulator.ReadRegister(7, XSeriesControlTable.GoalPosition));
    }

    [Fact]
    public void Read_ListsTheRegisters_WhenTheNameIsUnknown()
    {
        using var emulator = new FeetechEmulator(new FirstOrderJointBackend(1), [new(1, 0)]);
        emulator.Start();

        (int exitCode, _, string error) = RobotProcess.Run("read", "--port", emulator.PortPath, "--protocol", "feetech", "--id", "1", "--register", "Warp_Factor");

        Assert.Equal(1, exitCode);
        Assert.Contains("no register 'Warp_Factor'", error, StringComparison.Ordinal);
        Assert.Contains("Present_Position", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_NamesThePort_WhenItDoesNotExist()
    {
        (int exitCode, _, string error) = RobotProcess.Run("scan", "--port", "/dev/ttyUSB-robotsdk-missing", "--protocol", "dynamixel");

        Assert.Equal(1, exitCode);
        Assert.Contains("/dev/ttyUSB-robotsdk-missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchBus_ReportsCycleAndWireTimes_WithFastSyncReadNeedingFewerBytesThanSyncRead()
    {
        (int exitCode, string output, string error) = RobotProcess.Run("bench", "bus", "--protocol", "dynamixel", "--servos", "6", "--cycles", "100", "--json");

        Assert.True(exitCode == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement fast = json.RootElement;
        JsonElement sync = fast.GetProperty("sync_read");
        Assert.Equal("fast-sync-read", fast.GetProperty("read").GetString());
        foreach (JsonElement result in new[] { fast, sync })
        {
            Assert.Equal(0, result.GetProperty("failed_cycles").GetInt32());
            Assert.True(result.GetProperty("cycle_ms_p50").GetDouble() >= result.GetProperty("wire_ms").GetDouble(), "a cycle cannot beat the modelled wire time");
            Assert.True(result.GetProperty("overhead_ratio").GetDouble() >= 1);
        }

        // 6 servos at 1 Mbps: fast sync read saves 6 x 15 - (8 + 6 x 8) = 34 bytes = 0.34 ms on the wire.
        Assert.Equal(0.34, sync.GetProperty("wire_ms").GetDouble() - fast.GetProperty("wire_ms").GetDouble(), 6);
    }

    [Theory]
    [InlineData("lite6")]
    [InlineData("mycobot")]
    public void BenchBus_TimesTheControllerArmDrivers_NoFasterThanTheirModelledLinkAndLatency(string protocol)
    {
        (int exitCode, string output, string error) = RobotProcess.Run("bench", "bus", "--protocol", protocol, "--cycles", "20", "--json");

        Assert.True(exitCode == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement result = json.RootElement;
        Assert.Equal(protocol, result.GetProperty("protocol").GetString());
        Assert.Equal(7, result.GetProperty("servos").GetInt32()); // six joints and the gripper
        double modelled = result.GetProperty("wire_ms").GetDouble() + result.GetProperty("device_delays_ms").GetDouble();
        Assert.True(modelled > 0);
        Assert.True(result.GetProperty("cycle_ms_p50").GetDouble() >= modelled, "a cycle cannot beat the emulator's modelled wire time and latency");
        Assert.InRange(result.GetProperty("max_rate_hz").GetDouble(), 1, 1000 / modelled);
    }

    [Fact]
    public void BenchBus_BoundsThePiperRateByWhatItsFeedbackLeavesOfTheCanBus()
    {
        (int exitCode, string output, string error) = RobotProcess.Run("bench", "bus", "--protocol", "piper-slcan", "--cycles", "100", "--rate", "200", "--json");

        Assert.True(exitCode == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement result = json.RootElement;
        double load = result.GetProperty("feedback_bus_load").GetDouble();
        double wireMs = result.GetProperty("wire_ms").GetDouble();
        Assert.InRange(load, 0.05, 0.6); // 3040 frames/s of 111-135 bits each is 34-41 % of 1 Mbit/s
        Assert.InRange(wireMs, 3 * 0.111, 4 * 0.135); // three joint frames, a gripper frame now and then
        Assert.True(result.GetProperty("max_rate_hz").GetDouble() <= (1 - load) / (wireMs / 1000) + 1e-6, "the bus left over by the feedback bounds the command rate");
    }
}
