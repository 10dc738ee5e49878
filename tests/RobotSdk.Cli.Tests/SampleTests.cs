using System.Diagnostics;

namespace RobotSdk.Cli.Tests;

/// <summary>The samples run as a newcomer runs them, so a change that breaks them fails here.</summary>
public sealed class SampleTests
{
    [Fact]
    public void HelloArm_MovesReadsAndEStops_OnItsMirrorProfile()
    {
        (int exitCode, string output, string error) = RunSample("HelloArm");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("tool at (", output, StringComparison.Ordinal);
        Assert.Contains("e-stopped: True", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("koch")]
    public void LeaderFollower_FollowerEndsWhereTheLeaderIs_OnEmulatedArms(string arm)
    {
        (int exitCode, string output, string error) = RunSample("LeaderFollower", "--arm", arm, "--seconds", "3");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) RunSample(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, name + ".dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not exit within 2 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
