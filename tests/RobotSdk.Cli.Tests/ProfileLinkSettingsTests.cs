using Microsoft.Extensions.DependencyInjection;
using RobotSdk.Cli.Commands;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;

namespace RobotSdk.Cli.Tests;

/// <summary>A profile's <c>ReplyTimeoutMs</c> and <c>MaxConsecutiveFailures</c> reach the real driver the CLI builds from it.</summary>
public sealed class ProfileLinkSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("robotsdk-cli-link-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AServoThatStopsAnswering_FaultsTheRobot_AfterTheProfilesFailureCount_NamingItsReplyTimeout()
    {
        using var emulator = new FeetechArmEmulator(FeetechArms.So101Follower, options: new FeetechArmEmulatorOptions { LinkPath = Path.Combine(_directory, "so101") });
        emulator.Start();
        string profile = Path.Combine(_directory, "profile.json");
        File.WriteAllText(profile, $$"""
            { "Robots": { "arm": { "Driver": "feetech", "Arm": "so101", "Port": "{{emulator.PortPath}}", "ControlRateHz": 50,
              "ReplyTimeoutMs": 45, "MaxConsecutiveFailures": 2 } } }
            """);
        using ServiceProvider services = ProfileServices.Build(profile);
        Robot robot = ProfileServices.Resolve(services, "arm");
        robot.Connect();
        robot.Activate();

        long readErrorsBefore = robot.GetDiagnostics().ReadErrors;
        emulator.Emulator.RemoveServo(4);
        Poll.Until(() => robot.State == RobotState.Faulted, "the robot to fault");

        Assert.Contains("no complete reply after 3 attempt(s) of 45 ms", robot.Fault!.Message, StringComparison.Ordinal);
        Assert.Equal(readErrorsBefore + 1, robot.GetDiagnostics().ReadErrors); // one failed cycle tolerated, the second faults (the default tolerates two)
    }
}
