using System.Globalization;
using System.Text.Json;
using RobotSdk.Policy.Tests.Remote;

namespace RobotSdk.Cli.Tests;

/// <summary>
/// <c>robot run --remote</c> end to end: the virtual arm's episodes driven by a server that speaks openpi's
/// wire format (openpi_test_server.py: Debian's python3-websockets and python3-msgpack), through the
/// sample's remote manifest. The server's actions decide whether the arm touches the cube.
/// </summary>
public sealed class RunCommandRemoteTests(OpenpiTestServer server) : IClassFixture<OpenpiTestServer>
{
    private static readonly string Manifest = Path.Combine(AppContext.BaseDirectory, "Policies", "touch-cube-remote.policy.json");

    [Fact]
    public void RunVirtual_AgainstAnOpenpiServer_ExecutesItsActions_TheCubeIsTouchedOnlyWhenTheServerAimsAtIt()
    {
        // A server that sends the tool to a point above the table, away from any cube: chunks arrive and run, nothing is touched.
        JsonElement away = RunOneEpisode("target=0.20,0.0,0.15", seconds: 3);
        Assert.False(away.GetProperty("success").GetBoolean());
        Assert.Equal("DurationElapsed", away.GetProperty("stop_reason").GetString());
        Assert.True(away.GetProperty("chunks_received").GetInt64() >= 2, away.ToString());
        Assert.Equal(0, away.GetProperty("map_failures").GetInt64());
        Assert.Empty(away.GetProperty("failures").EnumerateArray());

        // The same seed puts the cube at the same place; a server that aims at it (with an API key it requires) touches it.
        double[] cube = [.. away.GetProperty("cube_position").EnumerateArray().Select(value => value.GetDouble())];
        string target = string.Join(',', cube.Select(value => value.ToString("R", CultureInfo.InvariantCulture)));
        JsonElement aimed = RunOneEpisode($"target={target}&auth=1", seconds: 10, "--api-key", OpenpiTestServer.ApiKey);
        Assert.True(aimed.GetProperty("success").GetBoolean(), aimed.ToString());
        Assert.Equal("StopConditionMet", aimed.GetProperty("stop_reason").GetString());
        double[] touched = [.. aimed.GetProperty("cube_position").EnumerateArray().Select(value => value.GetDouble())];
        Assert.InRange(Math.Sqrt(Math.Pow(touched[0] - cube[0], 2) + Math.Pow(touched[1] - cube[1], 2)), 0, 0.01); // nudged at most
    }

    [Fact]
    public void RunVirtual_AgainstAServerThatWantsAKey_WithoutOne_FailsBeforeTheArmMoves()
    {
        (int exitCode, string printed, string error) = RobotProcess.Run(
            "run", "--policy", Manifest, "--arm", "so101", "--virtual", "--episodes", "1", "--remote", server.Uri("auth=1").ToString(), "--json");

        Assert.Equal(1, exitCode);
        Assert.Empty(printed);
        Assert.StartsWith("robot run: ", error, StringComparison.Ordinal);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }

    private JsonElement RunOneEpisode(string query, int seconds, params string[] more)
    {
        (int exitCode, string printed, string error) = RobotProcess.Run(
        [
            "run", "--policy", Manifest, "--arm", "so101", "--virtual", "--episodes", "1", "--seed", "3",
            "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--remote", server.Uri(query).ToString(), "--json", .. more,
        ]);
        Assert.True(exitCode == 0, $"exit code {exitCode}\n{error}{printed}\nserver:\n{server.Output}");
        using var json = JsonDocument.Parse(printed);
        Assert.Contains("remote ws://127.0.0.1:", json.RootElement.GetProperty("backend").GetString(), StringComparison.Ordinal);
        return json.RootElement.GetProperty("episode_results")[0].Clone();
    }
}
