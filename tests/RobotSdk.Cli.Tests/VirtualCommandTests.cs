using System.Diagnostics;

namespace RobotSdk.Cli.Tests;

/// <summary><c>robot virtual</c> serves a simulated arm that <c>robot move</c> drives through the real driver.</summary>
public sealed class VirtualCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-cli-virtual-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("so101", "0.3,-0.2,0.3,0.1,0.4")]
    [InlineData("wx250s", "0.3,-0.2,0.3,0.1,0.4,-0.3")]
    public void Move_DrivesTheVirtualArm_ThroughItsRealDriver_ToTheGoal(string arm, string goal)
    {
        string link = Path.Combine(_directory, arm);
        using Process served = RobotProcess.Start("virtual", "--arm", arm, "--link", link, "--seed", "4");
        try
        {
            string? announcement = served.StandardOutput.ReadLine();
            Assert.StartsWith($"serving virtual {arm} (", announcement, StringComparison.Ordinal);
            Assert.Contains($"at {link} -> /dev/pts/", announcement, StringComparison.Ordinal);
            string? profileLine = served.StandardOutput.ReadLine();
            Assert.StartsWith("profile: ", profileLine, StringComparison.Ordinal);
            Assert.Contains("\"ReplyTimeoutMs\": 50, \"MaxConsecutiveFailures\": 5", profileLine, StringComparison.Ordinal); // an emulator on a busy machine answers late at times
            string profile = Path.Combine(_directory, arm + ".json");
            File.WriteAllText(profile, profileLine!["profile: ".Length..]);

            // The driver reads the arm back: every joint within the move's tolerance of the goal.
            MoveOutput.AssertReached(RobotProcess.Run("move", "--profile", profile, "--joints", goal, "--speed", "0.5"), goal);
        }
        finally
        {
            served.Kill(entireProcessTree: true);
            served.WaitForExit();
        }
    }

    [Fact]
    public void Move_DrivesTheVirtualLite6_OverLoopbackTcp()
    {
        using Process served = RobotProcess.Start("virtual", "--arm", "lite6", "--listen", "127.0.0.1:0", "--imprecise", "3");
        try
        {
            string? announcement = served.StandardOutput.ReadLine();
            Assert.Matches(@"^serving virtual lite6 \(lite6\) at 127\.0\.0\.1:[0-9]+$", announcement);
            Assert.StartsWith("imprecise on purpose (seed 3)", served.StandardOutput.ReadLine(), StringComparison.Ordinal);
            string profile = Path.Combine(_directory, "lite6.json");
            File.WriteAllText(profile, served.StandardOutput.ReadLine()!["profile: ".Length..]);

            // Zero offsets move the physical joints, not what the controller reports: the read-back still meets the goal.
            const string goal = "0.2,0.3,0.4,0.1,0.3,-0.2";
            MoveOutput.AssertReached(RobotProcess.Run("move", "--profile", profile, "--joints", goal, "--speed", "0.5"), goal);
        }
        finally
        {
            served.Kill(entireProcessTree: true);
            served.WaitForExit();
        }
    }

    [Fact]
    public void Virtual_RefusesATcpEndpoint_ForASerialArm_AndAnUnknownArm()
    {
        (int exitCode, _, string error) = RobotProcess.Run("virtual", "--arm", "so101", "--listen", "127.0.0.1:0");
        Assert.Equal(2, exitCode);
        Assert.Contains("a virtual so101 serves a serial port: give --link PATH", error, StringComparison.Ordinal);

        (exitCode, _, error) = RobotProcess.Run("virtual", "--arm", "ur5");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("ur5", error, StringComparison.Ordinal);
        Assert.Contains("so101", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithoutTheMujocoShim_SaysWhatToInstall()
    {
        // A copy of the installed command without RobotSdk's native shim: what a machine that skipped
        // eng/bootstrap.sh sees.
        string cli = Path.GetDirectoryName(typeof(RobotCommand).Assembly.Location)!;
        string copy = Path.Combine(_directory, "cli");
        foreach (string file in Directory.GetFiles(cli, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(cli, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!file.EndsWith("librobotsdk_mujoco_shim.so", StringComparison.Ordinal))
            {
                File.Copy(file, target);
            }
        }

        (int exitCode, string output, string error) = await RunDemoAsync(Path.Combine(copy, "robot.dll"), environment => environment.Remove("ROBOTSDK_NATIVE_DIR"));

        Assert.Equal(3, exitCode);
        Assert.Contains("robot demo: The MuJoCo simulator is not available: librobotsdk_mujoco_shim.so", error, StringComparison.Ordinal);
        Assert.Contains("bash eng/bootstrap.sh", error, StringComparison.Ordinal);
        Assert.Contains("robot demo --mirror", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // a message, not a stack trace
        Assert.DoesNotContain("Unhandled", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithoutOpenGl_SaysWhatToInstall_BeforeMovingTheArm()
    {
        // OSMesa that cannot be loaded: what a machine without libosmesa6 sees.
        const string missing = "/nonexistent/libOSMesa.so.8";
        string cli = typeof(RobotCommand).Assembly.Location;

        (int exitCode, string output, string error) = await RunDemoAsync(cli, environment => environment["ROBOTSDK_OSMESA_LIBRARY"] = missing);

        Assert.Equal(3, exitCode);
        Assert.Contains($"robot demo: Could not create an offscreen OpenGL context for MuJoCo: could not load OSMesa ({missing})", error, StringComparison.Ordinal);
        Assert.Contains("apt-get install libosmesa6", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("torque", output, StringComparison.Ordinal); // it stopped before moving anything
    }

    private async Task<(int ExitCode, string Output, string Error)> RunDemoAsync(string cliAssembly, Action<IDictionary<string, string?>> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cliAssembly);
        start.ArgumentList.Add("demo");
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add(Path.Combine(_directory, "report"));
        environment(start.Environment);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, error);
    }
}
