using System.Text.Json;

namespace RobotSdk.Cli.Tests;

public sealed class RobotCommandTests
{
    [Fact]
    public void Version_PrintsTheProductVersion()
    {
        (int exitCode, string output, _) = RobotProcess.Run("--version");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void BenchLoop_PrintsDeadlineStatisticsAndZeroAllocationsPerCycle_ForBothPacings()
    {
        (int exitCode, string output, string error) = RobotProcess.Run("bench", "loop", "--rate", "500", "--seconds", "1", "--json", "--compare-naive");

        Assert.True(exitCode == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement deadline = json.RootElement;
        JsonElement naive = deadline.GetProperty("naive_sleep");
        foreach (JsonElement result in new[] { deadline, naive })
        {
            Assert.True(result.GetProperty("cycles").GetInt64() > 100);
            double p50 = result.GetProperty("p50_period_error_ms").GetDouble();
            double p99 = result.GetProperty("p99_period_error_ms").GetDouble();
            double max = result.GetProperty("max_period_error_ms").GetDouble();
            Assert.InRange(p50, 0, p99);
            Assert.InRange(p99, p50, max);
            Assert.True(result.GetProperty("overruns").GetInt64() >= 0);
            Assert.Equal(0, result.GetProperty("allocated_bytes_per_cycle").GetDouble());
        }

        Assert.Equal("deadline", deadline.GetProperty("pacing").GetString());
        Assert.Equal("naive-sleep", naive.GetProperty("pacing").GetString());
    }

    [Fact]
    public void BenchLoop_RejectsARateAboveOneKilohertz_WithAClearMessage()
    {
        (int exitCode, _, string error) = RobotProcess.Run("bench", "loop", "--rate", "5000", "--seconds", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--rate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_MovesThroughItsPoses_HoldsOnEmergencyStop_AndEndsWithTorqueOff()
    {
        (int exitCode, string output, string error) = RobotProcess.Run("demo", "--lag-ms", "10");

        Assert.True(exitCode == 0, error + output);
        foreach (string pose in new[] { "reach forward", "reach left", "reach right", "raise", "gripper opened", "gripper closed" })
        {
            Assert.Contains(pose, output, StringComparison.Ordinal);
        }

        // Pose moves settle within 0.002 rad per joint, about a millimetre at the tool.
        var toolErrors = System.Text.RegularExpressions.Regex.Matches(output, @"([0-9.]+) mm from target")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, toolErrors.Count);
        Assert.All(toolErrors, error => Assert.InRange(error, 0, 2.0));
        Assert.Contains("commands moved 0.000000 rad in the 200 ms after the stop", output, StringComparison.Ordinal);
        Assert.Contains("done: torque off.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ports_Succeeds_AndSaysWhenThereAreNone()
    {
        (int exitCode, string output, string error) = RobotProcess.Run("ports");

        Assert.True(exitCode == 0, error);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }
}
