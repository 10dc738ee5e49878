using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RobotSdk.Calibration.Files;

namespace RobotSdk.Cli.Tests;

/// <summary>The samples run as a newcomer runs them, so a change that breaks them fails here.</summary>
public sealed class SampleTests
{
    [Fact]
    public void HelloArm_MovesReadsAndEStops_OnItsMirrorProfile()
    {
        (int exitCode, string output, string error) = RunSample("HelloArm");

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{error}{output}");
        Assert.Contains("tool at (", output, StringComparison.Ordinal);
        Assert.Contains("e-stopped: True", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("so101")]
    [InlineData("koch")]
    public void LeaderFollower_FollowerEndsWhereTheLeaderIs_OnEmulatedArms(string arm)
    {
        (int exitCode, string output, string error) = RunSample("LeaderFollower", "--arm", arm, "--seconds", "3");

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{error}{output}");
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrateWithCamera_CutsTheHeldOutError_AndWritesAFileTheArmLoads_OnItsVirtualArm()
    {
        string folder = Path.Combine(Path.GetTempPath(), "calibrate-with-camera-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A short run (a minute or two): few poses, but still the whole procedure, from rendered images.
            (int exitCode, string output, string error) = RunSample("CalibrateWithCamera", TimeSpan.FromMinutes(8), "--poses", "20", "--held-out", "5", "--out", folder);

            Assert.True(exitCode == 0, $"exit code {exitCode}\n{error}{output}");
            Match errors = Regex.Match(output, @"held-out tag error measured by the camera \(median\): before (?<before>[0-9.]+) mm, after (?<after>[0-9.]+) mm");
            Assert.True(errors.Success, output);
            double before = double.Parse(errors.Groups["before"].Value, CultureInfo.InvariantCulture);
            double after = double.Parse(errors.Groups["after"].Value, CultureInfo.InvariantCulture);
            Assert.True(after < before, $"after {after} mm is not below before {before} mm:\n{output}");

            string file = Path.Combine(folder, "kinematic-calibration.json");
            Assert.Contains($"calibration file: {file}", output, StringComparison.Ordinal);
            StoredKinematicCalibration stored = KinematicCalibrationFile.Load(file);
            Assert.Equal("so101", stored.Arm);
            Assert.Equal(5, stored.JointOffsetsRadians.Count);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
            Assert.Contains("moved 3 cm up through the calibrated chain", output, StringComparison.Ordinal);
            Assert.EndsWith("torque off", output.TrimEnd(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(new[] { "--profile", "arm.json" }, "a real arm needs all of --profile, --camera-rig, --camera, --tag-size; missing: --camera-rig, --camera, --tag-size.")]
    [InlineData(new[] { "--poses", "many" }, "--poses 'many' is not a positive number.")]
    [InlineData(new[] { "--port", "/dev/ttyACM0" }, "unknown option '--port'")]
    public void CalibrateWithCamera_RejectsBadArguments_WithOneLine(string[] arguments, string expected)
    {
        (int exitCode, string output, string error) = RunSample("CalibrateWithCamera", arguments);

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(output);
    }

    private static (int ExitCode, string Output, string Error) RunSample(string name, params string[] arguments) =>
        RunSample(name, TimeSpan.FromMinutes(2), arguments);

    /// <summary>Runs the built sample <paramref name="name"/> (its dll lands beside the tests) as a user would.</summary>
    internal static (int ExitCode, string Output, string Error) RunSample(string name, TimeSpan timeout, params string[] arguments)
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
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not exit within {timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
