using Microsoft.Extensions.DependencyInjection;
using RobotSdk.Configuration;

namespace RobotSdk.Tests.Configuration;

public sealed class RobotProfileValidationTests
{
    [Fact]
    public void ValidateRobotProfiles_Passes_ForAValidFile()
    {
        using var file = new ProfileFile("""{ "Robots": { "arm": { "Driver": "mirror", "Arm": "demo-arm" } } }""");
        using ServiceProvider provider = file.BuildProvider();

        provider.ValidateRobotProfiles(); // does not throw

        Assert.NotNull(provider.GetRequiredKeyedService<Robot>("arm"));
    }

    [Fact]
    public void UnknownDriver_IsReported_WithTheFileAndTheKnownDrivers()
    {
        RobotConfigurationException exception = Validate("""{ "Driver": "dynamixel-x", "Arm": "demo-arm" }""", out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Driver 'dynamixel-x' is unknown (known drivers: mirror)");
        }
    }

    [Fact]
    public void UnknownArmType_IsReported_ListingTheKnownTypes()
    {
        RobotConfigurationException exception = Validate("""{ "Driver": "mirror", "Arm": "so-9000" }""", out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Arm 'so-9000' is an unknown arm type (known arm types: demo-arm)");
        }
    }

    [Fact]
    public void LinkSettings_OutOfRange_AreReported_WithTheirUnits()
    {
        RobotConfigurationException exception = Validate("""{ "Driver": "mirror", "Arm": "demo-arm", "ReplyTimeoutMs": 0, "MaxConsecutiveFailures": 5000 }""", out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "ReplyTimeoutMs 0 must be from 1 to 10000 (milliseconds)");
            AssertNames(exception, file, "MaxConsecutiveFailures 5000 must be from 1 to 1000 (control cycles)");
        }
    }

    [Fact]
    public void JointLimitOverride_WithMinNotBelowMax_IsReported()
    {
        RobotConfigurationException exception = Validate("""
            { "Driver": "mirror", "Arm": "demo-arm",
              "Safety": { "JointLimits": { "elbow_flex": { "Min": 1.0, "Max": 0.5 } } } }
            """, out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Safety:JointLimits:elbow_flex: Min 1 must be less than Max 0.5");
        }
    }

    [Fact]
    public void JointLimitOverride_WiderThanTheHardware_IsReported()
    {
        RobotConfigurationException exception = Validate("""
            { "Driver": "mirror", "Arm": "demo-arm",
              "Safety": { "JointLimits": { "elbow_flex": { "Max": 3.0, "MaxVelocity": 10 } } } }
            """, out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Safety:JointLimits:elbow_flex:Max 3 is outside the hardware limit 1.69");
            AssertNames(exception, file, "Safety:JointLimits:elbow_flex:MaxVelocity 10 is outside the hardware limit 3");
        }
    }

    [Fact]
    public void JointLimitOverride_ForAnUnknownJoint_IsReported()
    {
        RobotConfigurationException exception = Validate("""
            { "Driver": "mirror", "Arm": "demo-arm",
              "Safety": { "JointLimits": { "knee": { "Max": 0.1 } } } }
            """, out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Safety:JointLimits:knee: 'knee' is not a joint of model 'demo-arm'");
        }
    }

    [Fact]
    public void WorkspaceWithMinNotBelowMax_IsReported()
    {
        RobotConfigurationException exception = Validate("""
            { "Driver": "mirror", "Arm": "demo-arm",
              "Safety": { "Workspace": { "Min": [-0.4, -0.4, 0.5], "Max": [0.4, 0.4, 0.1] } } }
            """, out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Safety:Workspace: Min.Z 0.5 must be less than Max.Z 0.1");
        }
    }

    [Fact]
    public void WorkspaceWithTooFewNumbers_IsReported()
    {
        RobotConfigurationException exception = Validate("""
            { "Driver": "mirror", "Arm": "demo-arm",
              "Safety": { "Workspace": { "Min": [-0.4, -0.4], "Max": [0.4, 0.4, 0.5] } } }
            """, out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Safety:Workspace: Min and Max need three numbers [x, y, z] each (got 2 and 3)");
        }
    }

    [Fact]
    public void ControlRateAboveOneKilohertz_IsReported()
    {
        RobotConfigurationException exception = Validate("""{ "Driver": "mirror", "Arm": "demo-arm", "ControlRateHz": 5000 }""", out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "ControlRateHz 5000 must be above 0 and at most 1000");
        }
    }

    [Fact]
    public void MisspelledKey_IsReported_InsteadOfSilentlyDroppingTheSetting()
    {
        RobotConfigurationException exception = Validate("""
            { "Driver": "mirror", "Arm": "demo-arm", "Saftey": { "MaxStepRadians": 0.01 } }
            """, out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "Saftey");
        }
    }

    [Fact]
    public void UnconvertibleValue_IsReported()
    {
        RobotConfigurationException exception = Validate("""{ "Driver": "mirror", "Arm": "demo-arm", "ControlRateHz": "fast" }""", out ProfileFile file);
        using (file)
        {
            AssertNames(exception, file, "ControlRateHz");
        }
    }

    [Fact]
    public void EveryProblemOfEveryRobot_IsReportedAtOnce()
    {
        using var file = new ProfileFile("""
            { "Robots": {
                "left":  { "Driver": "nope", "Arm": "demo-arm", "ControlRateHz": 5000 },
                "right": { "Driver": "mirror", "Arm": "nope" } } }
            """);
        using ServiceProvider provider = file.BuildProvider();

        var exception = Assert.Throws<RobotConfigurationException>(provider.ValidateRobotProfiles);

        Assert.Equal(3, exception.Problems.Count);
        Assert.Contains(exception.Problems, p => p.Contains("robot 'left'", StringComparison.Ordinal) && p.Contains("Driver 'nope'", StringComparison.Ordinal));
        Assert.Contains(exception.Problems, p => p.Contains("robot 'left'", StringComparison.Ordinal) && p.Contains("ControlRateHz 5000", StringComparison.Ordinal));
        Assert.Contains(exception.Problems, p => p.Contains("robot 'right'", StringComparison.Ordinal) && p.Contains("Arm 'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void ResolvingAnInvalidRobot_ThrowsTheSameConfigurationError()
    {
        using var file = new ProfileFile("""{ "Robots": { "arm": { "Driver": "mirror", "Arm": "so-9000" } } }""");
        using ServiceProvider provider = file.BuildProvider();

        var exception = Assert.Throws<RobotConfigurationException>(() => provider.GetRequiredKeyedService<Robot>("arm"));

        Assert.Contains("so-9000", exception.Message, StringComparison.Ordinal);
        Assert.Contains(file.FileName, exception.Message, StringComparison.Ordinal);
    }

    private static RobotConfigurationException Validate(string robotJson, out ProfileFile file)
    {
        file = new ProfileFile($$"""{ "Robots": { "arm": {{robotJson}} } }""", "bench-robots.json");
        using ServiceProvider provider = file.BuildProvider();
        return Assert.Throws<RobotConfigurationException>(provider.ValidateRobotProfiles);
    }

    /// <summary>The message names the file, the robot, and the field with its problem.</summary>
    private static void AssertNames(RobotConfigurationException exception, ProfileFile file, string problem)
    {
        Assert.Contains(file.FilePath, exception.Message, StringComparison.Ordinal);
        Assert.Contains("robot 'arm'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }
}
