using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RobotSdk.Configuration;
using RobotSdk.Hardware;
using RobotSdk.Safety;

namespace RobotSdk.Tests.Configuration;

public sealed class RobotProfileDependencyInjectionTests
{
    [Fact]
    public void AddRobotSdk_ResolvesAKeyedRobot_HonouringRateAndSafety()
    {
        using var file = new ProfileFile("""
            {
              "Robots": {
                "arm": {
                  "Driver": "mirror",
                  "Arm": "demo-arm",
                  "ControlRateHz": 100,
                  "Safety": {
                    "MaxStepRadians": 0.02,
                    "EmergencyStopAction": "TorqueOff",
                    "JointLimits": { "elbow_flex": { "Min": -1.0, "Max": 1.2, "MaxVelocity": 1.5 } }
                  }
                }
              }
            }
            """);
        using ServiceProvider provider = file.BuildProvider();

        provider.ValidateRobotProfiles();
        Robot robot = provider.GetRequiredKeyedService<Robot>("arm");

        Assert.Equal("arm", robot.Name);
        Assert.Equal(DemoArm.Model, robot.Description.Model);
        Assert.Equal(RobotState.Disconnected, robot.State);
        Assert.Equal(100, robot.GetLoopStatistics().RateHz);
        Assert.Equal(new JointLimits(-1.0, 1.2, 1.5, 20), robot.JointLimits[2]);
        Assert.Equal(DemoArm.Description.Joints[0].Limits, robot.JointLimits[0]);
        Assert.Same(robot, provider.GetRequiredKeyedService<Robot>("arm"));

        // "TorqueOff" from the file: the e-stop turns torque off.
        robot.Connect(startLoop: false);
        robot.Activate();
        robot.EmergencyStop();
        robot.RunCycle(1);
        Assert.Equal(RobotState.Inactive, robot.State);
    }

    [Fact]
    public async Task ProfileWorkspace_IsEnforcedByTheResolvedRobot()
    {
        using var file = new ProfileFile("""
            { "Robots": { "arm": { "Driver": "mirror", "Arm": "demo-arm",
              "Safety": { "Workspace": { "Min": [-0.4, -0.4, 0.2], "Max": [0.4, 0.4, 0.5] } } } } }
            """);
        using ServiceProvider provider = file.BuildProvider();
        Robot robot = provider.GetRequiredKeyedService<Robot>("arm");
        robot.Connect(startLoop: false);
        robot.Activate();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => robot.Arm.MoveToAsync([0, 0.6, 0, 0, 0]));
    }

    [Fact]
    public void ProfileMirrorSettings_ReachTheDriver()
    {
        using var file = new ProfileFile("""
            { "Robots": { "arm": { "Driver": "mirror", "Arm": "demo-arm",
              "Mirror": { "LagMs": 0, "InitialPositions": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] } } } }
            """);
        using ServiceProvider provider = file.BuildProvider();
        Robot robot = provider.GetRequiredKeyedService<Robot>("arm");
        robot.Connect(startLoop: false);

        robot.RunCycle(1);

        var positions = new double[5];
        robot.Arm.ReadPositions(positions);
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5], positions);
        Assert.Equal(0.6 / 1.6, robot.Gripper!.OpenFraction, 12);
    }

    [Fact]
    public void OneFile_CanDescribeTwoKeyedRobots()
    {
        using var file = new ProfileFile("""
            {
              "Robots": {
                "left":  { "Driver": "mirror", "Arm": "demo-arm", "ControlRateHz": 250 },
                "right": { "Driver": "mirror", "Arm": "demo-arm", "ControlRateHz": 500 }
              }
            }
            """);
        using ServiceProvider provider = file.BuildProvider();

        provider.ValidateRobotProfiles();
        Robot left = provider.GetRequiredKeyedService<Robot>("left");
        Robot right = provider.GetRequiredKeyedService<Robot>("right");

        Assert.NotSame(left, right);
        Assert.Equal(("left", 250.0), (left.Name, left.GetLoopStatistics().RateHz));
        Assert.Equal(("right", 500.0), (right.Name, right.GetLoopStatistics().RateHz));
        Assert.Equal(["left", "right"], provider.GetRequiredService<RobotCatalog>().RobotNames.Order());
    }

    [Fact]
    public void AddRobot_ConfiguredInCode_ResolvesLikeAProfile()
    {
        var services = new ServiceCollection();
        services.AddRobotSdk().AddRobot("bench", profile =>
        {
            profile.Driver = "mirror";
            profile.Arm = "demo-arm";
            profile.ControlRateHz = 50;
            profile.Safety.JointLimits["shoulder_pan"] = new JointLimitOverride { MaxVelocity = 0.5 };
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.ValidateRobotProfiles();
        Robot robot = provider.GetRequiredKeyedService<Robot>("bench");

        Assert.Equal(50, robot.GetLoopStatistics().RateHz);
        Assert.Equal(0.5, robot.JointLimits[0].MaxVelocity);
    }

    [Fact]
    public void AddRobot_ConfiguredInCode_IsValidatedToo()
    {
        var services = new ServiceCollection();
        services.AddRobotSdk().AddRobot("bench", profile => profile.Driver = "mirror");
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<RobotConfigurationException>(provider.ValidateRobotProfiles);

        Assert.Contains("robot 'bench' (configured in code)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Arm is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDriver_MakesACustomDriverAvailable_AndEnforcesItsPort()
    {
        using var file = new ProfileFile("""
            { "Robots": {
                "wired": { "Driver": "bench-bus", "Arm": "demo-arm", "Port": "/dev/ttyACM0" },
                "unwired": { "Driver": "bench-bus", "Arm": "demo-arm" } } }
            """);
        var ports = new List<string?>();
        var services = new ServiceCollection();
        services.AddRobotSdk(file.Load()).AddDriver("bench-bus", context =>
        {
            ports.Add(context.Profile.Port);
            return new MirrorDriver(context.Arm);
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var exception = Assert.Throws<RobotConfigurationException>(provider.ValidateRobotProfiles);
        Robot wired = provider.GetRequiredKeyedService<Robot>("wired");

        string problem = Assert.Single(exception.Problems);
        Assert.Contains("robot 'unwired'", problem, StringComparison.Ordinal);
        Assert.Contains("Port is required for driver 'bench-bus'", problem, StringComparison.Ordinal);
        Assert.Equal(["/dev/ttyACM0"], ports);
        Assert.Equal("wired", wired.Name);
    }

    [Fact]
    public void Disposing_TheContainer_DisposesItsRobots()
    {
        using var file = new ProfileFile("""{ "Robots": { "arm": { "Driver": "mirror", "Arm": "demo-arm" } } }""");
        ServiceProvider provider = file.BuildProvider();
        Robot robot = provider.GetRequiredKeyedService<Robot>("arm");

        provider.Dispose();

        Assert.Equal(RobotState.Disposed, robot.State);
    }

    [Fact]
    public void AddRobotSdk_CalledTwice_SharesOneCatalog()
    {
        var services = new ServiceCollection();
        services.AddRobotSdk().AddRobot("a", profile => { profile.Driver = "mirror"; profile.Arm = "demo-arm"; });
        services.AddRobotSdk().AddRobot("b", profile => { profile.Driver = "mirror"; profile.Arm = "demo-arm"; });
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(["a", "b"], provider.GetRequiredService<RobotCatalog>().RobotNames.Order());
        Assert.Throws<ArgumentException>(() => services.AddRobotSdk().AddRobot("a", _ => { }));
    }

    [Fact]
    public void MalformedJson_MakesBuildThrow_NamingTheFile()
    {
        // The framework's behaviour, asserted so we notice if it changes: the SDK relies on it.
        using var file = new ProfileFile("""{ "Robots": { "arm": { "Driver": "mirror", """, "broken-robots.json");

        Exception exception = Assert.ThrowsAny<Exception>(() => new ConfigurationBuilder().AddJsonFile(file.FilePath).Build());

        Assert.Contains(file.FilePath, exception.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(exception);
    }
}
