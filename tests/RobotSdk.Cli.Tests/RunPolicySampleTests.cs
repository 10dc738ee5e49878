using System.Text.RegularExpressions;

namespace RobotSdk.Cli.Tests;

/// <summary>samples/RunPolicy run as a newcomer runs it: the bundled touch-cube model on a virtual SO-101.</summary>
public sealed class RunPolicySampleTests
{
    [Fact]
    public void RunPolicySample_RunsTwoEpisodes_AndTouchesTheCubeAtLeastOnce()
    {
        (int exitCode, string output, string error) = RunSample(TimeSpan.FromMinutes(4), "--episodes", "2");

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{error}{output}");
        Assert.Contains("backend onnx", output, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(output, @"^episode \d/2 \(seed \d+\): ", RegexOptions.Multiline));
        Match summary = Regex.Match(output, @"^(?<won>\d+)/2 episodes succeeded", RegexOptions.Multiline);
        Assert.True(summary.Success, output);
        Assert.True(int.Parse(summary.Groups["won"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, output);
        Assert.Equal(int.Parse(summary.Groups["won"].Value, System.Globalization.CultureInfo.InvariantCulture), Regex.Count(output, "touched the cube"));
    }

    [Theory]
    [InlineData(new[] { "--remote", "http://gpu-box:8000" }, "--remote must be a ws:// or wss:// address (an openpi server); got 'http://gpu-box:8000'.")]
    [InlineData(new[] { "--episodes", "none" }, "--episodes 'none' is not a positive whole number.")]
    [InlineData(new[] { "--arm", "ur5" }, "not 'ur5'.")]
    [InlineData(new[] { "--port", "/dev/ttyACM0" }, "unknown option '--port'")]
    public void RunPolicySample_RejectsBadArguments_WithOneLineAndExitCode2(string[] arguments, string expected)
    {
        (int exitCode, string output, string error) = RunSample(TimeSpan.FromMinutes(1), arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(output);
    }

    private static (int ExitCode, string Output, string Error) RunSample(TimeSpan timeout, params string[] arguments) =>
        SampleTests.RunSample("RunPolicy", timeout, arguments);
}
