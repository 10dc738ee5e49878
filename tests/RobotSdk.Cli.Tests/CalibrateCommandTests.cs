using System.Text.Json;

namespace RobotSdk.Cli.Tests;

/// <summary><c>robot calibrate --virtual</c> calibrates an imprecise virtual arm from rendered images, end to end.</summary>
public sealed class CalibrateCommandTests
{
    [Fact]
    public void CalibrateVirtual_ReducesTheHeldOutToolError_AndPrintsTheFigures()
    {
        // 30 + 10 poses keep the run near a minute; the default 50 + 15 gives 0.8 mm on this seed.
        (int exitCode, string output, string error) = RobotProcess.Run("calibrate", "--arm", "so101", "--virtual", "--seed", "1", "--poses", "30", "--held-out", "10", "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        double before = root.GetProperty("tool_error_mm_before").GetDouble();
        double after = root.GetProperty("tool_error_mm_after").GetDouble();
        Assert.True(after < before, $"after {after} mm, before {before} mm");
        Assert.True(after < 2.5, $"median held-out tool error after calibration {after} mm");
        Assert.True(root.GetProperty("joint_offset_error_deg").GetDouble() < 0.5);
        Assert.InRange(root.GetProperty("reprojection_px").GetDouble(), 0, 1);
        Assert.True(root.TryGetProperty("report", out _));
        Assert.True(root.GetProperty("held_out_used").GetInt32() >= 5);
    }

    [Fact]
    public void Calibrate_WithoutVirtual_SaysOnlyVirtualExists()
    {
        (int exitCode, _, string error) = RobotProcess.Run("calibrate", "--arm", "so101");

        Assert.Equal(2, exitCode);
        Assert.Contains("only --virtual", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_RefusesABacklashOutsideTheSimulationsRange_BeforeStartingTheArm()
    {
        (int exitCode, _, string error) = RobotProcess.Run("calibrate", "--arm", "so101", "--virtual", "--backlash-deg", "12");

        Assert.Equal(2, exitCode);
        Assert.Contains("--backlash-deg must be in [0, 10] degrees; got 12", error, StringComparison.Ordinal);
    }
}
