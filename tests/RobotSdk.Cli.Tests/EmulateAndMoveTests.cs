using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RobotSdk.Cli.Tests;

public sealed class EmulateAndMoveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-cli-").FullName;

    [Theory]
    [InlineData("feetech", "so101", "0.2,-0.2,0.3,0.1,0.4")]
    [InlineData("dynamixel", "koch", "0.2,-0.2,0.3,0.1,0.4")]
    [InlineData("dynamixel", "wx250s", "0.2,-0.2,0.3,0.1,0.4,-0.3")]
    public void Move_DrivesAnEmulatedArmThroughItsRealDriver_ToTheGoal(string protocol, string arm, string goal)
    {
        string link = Path.Combine(_directory, arm);
        using Process emulator = RobotProcess.Start("emulate", "--protocol", protocol, "--arm", arm, "--link", link);
        try
        {
            string? announcement = emulator.StandardOutput.ReadLine();
            Assert.StartsWith($"emulating {arm} ({protocol}", announcement, StringComparison.Ordinal);
            Assert.True(File.Exists(link), $"{link} should link to the emulated port");
            // The emulator shares this machine's cores: the patient link settings `robot virtual` prints in its profile.
            string profile = WriteProfile($$"""{ "Robots": { "arm": { "Driver": "{{protocol}}", "Arm": "{{arm}}", "Port": "{{link}}", "ReplyTimeoutMs": 50, "MaxConsecutiveFailures": 5 } } }""");

            // The driver reads the arm back: every joint within the move's tolerance of the goal.
            MoveOutput.AssertReached(RobotProcess.Run("move", "--profile", profile, "--joints", goal, "--speed", "0.5"), goal);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            emulator.WaitForExit();
        }
    }

    [Theory]
    [InlineData("piper-slcan", "piper", "piper", "0.2,0.5,-0.5,0.1,0.3,-0.2", 100)]
    [InlineData("mycobot", "mycobot280", "mycobot", "0.2,-0.3,0.4,0.1,0.3,-0.2", 10)]
    [InlineData("lite6", "lite6", "lite6", "0.2,0.3,0.4,0.1,0.3,-0.2", 100)]
    public void Move_DrivesAnEmulatedControllerArmThroughItsRealDriver_ToTheGoal(string protocol, string arm, string driver, string goal, int rateHz)
    {
        bool isTcp = protocol == "lite6";
        string link = Path.Combine(_directory, arm);
        using Process emulator = isTcp
            ? RobotProcess.Start("emulate", "--protocol", protocol, "--listen", "127.0.0.1:0")
            : RobotProcess.Start("emulate", "--protocol", protocol, "--link", link);
        try
        {
            string? announcement = emulator.StandardOutput.ReadLine();
            Assert.StartsWith($"emulating {arm} ({protocol}", announcement, StringComparison.Ordinal);
            string port = isTcp ? Regex.Match(announcement!, @"at (127\.0\.0\.1:[0-9]+)$").Groups[1].Value : link;
            Assert.True(isTcp ? port.Length > 0 : File.Exists(link), $"the emulator should announce where it serves: {announcement}");
            string profile = WriteProfile($$"""{ "Robots": { "arm": { "Driver": "{{driver}}", "Arm": "{{arm}}", "Port": "{{port}}", "ControlRateHz": {{rateHz}}, "MaxConsecutiveFailures": 5 } } }""");

            // The driver reads the arm back: every joint within the move's tolerance of the goal.
            MoveOutput.AssertReached(RobotProcess.Run("move", "--profile", profile, "--joints", goal, "--speed", "0.5"), goal);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            emulator.WaitForExit();
        }
    }

    [Theory]
    [InlineData("lite6", "--link", "serves TCP: give --listen 127.0.0.1:PORT")]
    [InlineData("mycobot", "--listen", "serves a pseudo-terminal: give --link PATH")]
    public void Emulate_AsksForTheRightEndpoint_ForEachControllerArm(string protocol, string wrongOption, string expected)
    {
        string value = wrongOption == "--link" ? Path.Combine(_directory, "x") : "127.0.0.1:0";

        (int exitCode, _, string error) = RobotProcess.Run("emulate", "--protocol", protocol, wrongOption, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_SaysWhichDriverAnArmNeeds_WhenTheProfileNamesAnother()
    {
        string profile = WriteProfile("""{ "Robots": { "arm": { "Driver": "feetech", "Arm": "piper", "Port": "can0" } } }""");

        (int exitCode, _, string error) = RobotProcess.Run("move", "--profile", profile, "--joints", "0,0,0,0,0,0");

        Assert.Equal(1, exitCode);
        Assert.Contains("Arm 'piper' is driven by 'piper', not by Driver 'feetech'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Emulate_RefusesAnArmOfTheOtherProtocol()
    {
        (int exitCode, _, string error) = RobotProcess.Run("emulate", "--protocol", "dynamixel", "--arm", "so101", "--link", Path.Combine(_directory, "x"));

        Assert.Equal(2, exitCode);
        Assert.Contains("'so101' speaks feetech, not dynamixel", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_NamesTheProfileAndField_WhenTheArmIsUnknown()
    {
        string profile = WriteProfile("""{ "Robots": { "arm": { "Driver": "feetech", "Arm": "so-9000", "Port": "/dev/null" } } }""");

        (int exitCode, _, string error) = RobotProcess.Run("move", "--profile", profile, "--joints", "0,0,0,0,0");

        Assert.Equal(1, exitCode);
        Assert.Contains(profile, error, StringComparison.Ordinal);
        Assert.Contains("Arm 'so-9000' is an unknown arm type", error, StringComparison.Ordinal);
        Assert.Contains("so101", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_NamesThePort_WhenNoArmIsThere()
    {
        string profile = WriteProfile("""{ "Robots": { "arm": { "Driver": "feetech", "Arm": "so101", "Port": "/dev/ttyACM-robotsdk-missing" } } }""");

        (int exitCode, _, string error) = RobotProcess.Run("move", "--profile", profile, "--joints", "0,0,0,0,0");

        Assert.Equal(1, exitCode);
        Assert.Contains("/dev/ttyACM-robotsdk-missing", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteProfile(string json)
    {
        string path = Path.Combine(_directory, $"profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
