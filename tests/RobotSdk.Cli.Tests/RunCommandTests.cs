using System.Text.Json;

namespace RobotSdk.Cli.Tests;

/// <summary>
/// <c>robot run</c>: the bundled learned policy on virtual arms through the real drivers and the policy
/// runner, and the command's argument errors. The 20-episode acceptance figures are measured with the
/// same command and recorded in docs/policies.md; CI runs 6 episodes per arm to keep its time.
/// </summary>
public sealed class RunCommandTests
{
    [Theory]
    [InlineData("so101")]
    [InlineData("wx250s")]
    public void RunVirtual_TheBundledPolicyTouchesTheCube_WithTheSameModelFileOnEitherArm(string arm)
    {
        (int exitCode, string printed, string error) = RobotProcess.Run("run", "--arm", arm, "--virtual", "--episodes", "6", "--seed", "1", "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        using var json = JsonDocument.Parse(printed);
        JsonElement root = json.RootElement;
        Assert.EndsWith(Path.Combine("models", "touch-cube", "touch-cube.policy.json"), root.GetProperty("policy").GetString(), StringComparison.Ordinal);
        Assert.Contains("touch-cube.onnx", root.GetProperty("backend").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, root.GetProperty("episodes").GetInt32());
        JsonElement[] episodes = [.. root.GetProperty("episode_results").EnumerateArray()];
        Assert.Equal(6, episodes.Length);
        Assert.Equal([1, 2, 3, 4, 5, 6], episodes.Select(episode => episode.GetProperty("seed").GetInt32()));
        int successes = episodes.Count(episode => episode.GetProperty("success").GetBoolean());
        Assert.Equal(successes / 6.0, root.GetProperty("success_rate").GetDouble(), 9);
        // A broken model, adapter or runner touches nothing; a working one about 85 % of the time (fewer than 3 of 6: p < 0.02).
        Assert.True(successes >= 3, $"{successes} of 6 episodes touched the cube: {printed}");
        Assert.All(episodes.Where(episode => episode.GetProperty("success").GetBoolean()), episode =>
        {
            Assert.Equal("StopConditionMet", episode.GetProperty("stop_reason").GetString());
            Assert.True(episode.GetProperty("chunks_received").GetInt64() >= 1);
        });
        Assert.InRange(root.GetProperty("inference_ms_p50").GetDouble(), 0.001, 100);
        Assert.InRange(root.GetProperty("max_command_gap_ms").GetDouble(), 1, 5000);
        Assert.Equal(10, root.GetProperty("control_rate_hz").GetDouble());
    }

    [Theory]
    [InlineData("--execution must be rtc, async, sync or ensemble; got 'fast'", "--arm", "so101", "--virtual", "--execution", "fast")]
    [InlineData("the virtual touch-cube task runs on so101, wx250s; not 'koch'", "--arm", "koch", "--virtual")]
    [InlineData("--remote must be a ws:// or wss:// address; got 'http://localhost:8000'", "--arm", "so101", "--virtual", "--remote", "http://localhost:8000")]
    [InlineData("give --port PORT and --camera NAME=SOURCE to run on a real so101", "--arm", "so101")]
    public void Run_RefusesBadArguments_WithOneLine(string message, params string[] arguments)
    {
        (int exitCode, _, string error) = RobotProcess.Run(["run", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithAManifestThatDoesNotExist_SaysSo_AndExits1()
    {
        (int exitCode, _, string error) = RobotProcess.Run("run", "--policy", "/nonexistent/policy.json", "--arm", "so101", "--virtual", "--episodes", "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("/nonexistent/policy.json", error, StringComparison.Ordinal);
    }
}
