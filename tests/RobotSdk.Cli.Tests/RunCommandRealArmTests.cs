using System.Diagnostics;
using System.Text.Json;

namespace RobotSdk.Cli.Tests;

/// <summary>
/// <c>robot run</c> on an arm behind a port, as on hardware: a virtual SO-101 served by <c>robot virtual</c>
/// on a pseudo-terminal, driven through the real Feetech driver, with an ffmpeg camera (a test pattern)
/// feeding the bundled policy. No ground truth on this path, so no success figure: the run must execute
/// its chunks for the time asked, then torque off, and say so.
/// </summary>
public sealed class RunCommandRealArmTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("robotsdk-run-port-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void RunOnAPort_DrivesAServedArm_ThroughItsDriver_WithAnFfmpegCamera()
    {
        string link = Path.Combine(directory, "so101");
        using Process served = RobotProcess.Start("virtual", "--arm", "so101", "--link", link, "--seed", "4");
        try
        {
            Assert.StartsWith("serving virtual so101 (", served.StandardOutput.ReadLine(), StringComparison.Ordinal);

            // The emulator shares this machine's cores: the patient link settings `robot virtual` prints in its profile.
            (int exitCode, string printed, string error) = RobotProcess.Run(
                "run", "--arm", "so101", "--port", link, "--reply-timeout-ms", "50", "--max-consecutive-failures", "5",
                "--camera", "overhead=lavfi:testsrc=size=160x120:rate=30", "--camera-size", "160x120", "--seconds", "4", "--json");

            Assert.True(exitCode == 0, $"exit code {exitCode}\n{error}{printed}");
            using var json = JsonDocument.Parse(printed);
            JsonElement root = json.RootElement;
            Assert.Equal("real", root.GetProperty("mode").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("success_rate").ValueKind);
            JsonElement episode = Assert.Single(root.GetProperty("episode_results").EnumerateArray());
            Assert.Equal("DurationElapsed", episode.GetProperty("stop_reason").GetString());
            Assert.Equal(JsonValueKind.Null, episode.GetProperty("success").ValueKind);
            Assert.InRange(episode.GetProperty("steps").GetInt64(), 20, 41); // 4 s at the manifest's 10 Hz (a stalled machine skips some)
            Assert.True(episode.GetProperty("chunks_received").GetInt64() >= 4, printed); // one per 8 executed steps
            Assert.Empty(episode.GetProperty("failures").EnumerateArray());
            Assert.InRange(root.GetProperty("inference_ms_p50").GetDouble(), 0.001, 100);
        }
        finally
        {
            served.Kill(entireProcessTree: true);
            served.WaitForExit();
        }
    }

    [Theory]
    [InlineData("the policy needs camera(s) overhead: give --camera NAME=SOURCE for each", "--port", "/dev/ttyACM9")]
    [InlineData("no serial port at '/dev/ttyACM9': is the arm plugged in", "--port", "/dev/ttyACM9", "--camera", "overhead=lavfi:testsrc")]
    [InlineData("--camera takes NAME=SOURCE (for example scene=/dev/video0); got 'lavfi:testsrc'", "--port", "/dev/ttyACM9", "--camera", "lavfi:testsrc")]
    public void RunOnAPort_RefusesWhatCannotWork_BeforeTouchingTheArm(string message, params string[] arguments)
    {
        (int exitCode, string printed, string error) = RobotProcess.Run(["run", "--arm", "so101", .. arguments]);

        Assert.Equal(1, exitCode);
        Assert.Empty(printed);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
