using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RobotSdk.Configuration;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Commands;

/// <summary>Builds the container for a profile file with every driver the CLI ships: mirror, dynamixel, feetech, piper, lite6, mycobot.</summary>
[SupportedOSPlatform("linux")]
internal static class ProfileServices
{
    public static ServiceProvider Build(string profilePath)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(profilePath)).Build();
        var services = new ServiceCollection();
        RobotSdkBuilder builder = services.AddRobotSdk();
        foreach ((string model, _) in ServoArmCatalog.All)
        {
            builder.AddArmModel(ServoArmCatalog.Describe(model));
        }

        foreach ((string model, _, _) in ControllerArmCatalog.All)
        {
            builder.AddArmModel(ControllerArmCatalog.Describe(model));
        }

        builder.AddDriver(ServoOptions.Dynamixel, CreateServoDriver).AddDriver(ServoOptions.Feetech, CreateServoDriver);
        foreach ((_, string driver, _) in ControllerArmCatalog.All)
        {
            builder.AddDriver(driver, CreateControllerArmDriver);
        }

        builder.AddRobots(configuration);
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateRobotProfiles();
        return provider;
    }

    public static Robot Resolve(IServiceProvider services, string? name)
    {
        string[] names = [.. services.GetRequiredService<RobotCatalog>().RobotNames];
        string chosen = name ?? (names.Length == 1 ? names[0] : throw new ArgumentException($"The profile has {names.Length} robots ({string.Join(", ", names)}); choose one with --robot."));
        return names.Contains(chosen)
            ? services.GetRequiredKeyedService<Robot>(chosen)
            : throw new ArgumentException($"The profile has no robot '{chosen}' (robots: {string.Join(", ", names)}).");
    }

    private static IRobotDriver CreateControllerArmDriver(RobotDriverContext context)
    {
        RobotProfile profile = context.Profile;
        string? driver = ControllerArmCatalog.DriverOf(profile.Arm!);
        if (!string.Equals(driver, profile.Driver, StringComparison.OrdinalIgnoreCase))
        {
            throw new RobotConfigurationException([$"{context.Services.GetRequiredService<RobotCatalog>().SourceOf(context.RobotName)}: Arm '{profile.Arm}' is driven by '{driver ?? ServoArmCatalog.ProtocolOf(profile.Arm!) ?? "no known driver"}', not by Driver '{profile.Driver}'"]);
        }

        return ControllerArmCatalog.CreateDriver(profile.Arm!, profile.Port!, profile.BaudRate, LinkOf(profile));
    }

    private static IRobotDriver CreateServoDriver(RobotDriverContext context)
    {
        RobotProfile profile = context.Profile;
        string? protocol = ServoArmCatalog.ProtocolOf(profile.Arm!);
        if (!string.Equals(protocol, profile.Driver, StringComparison.OrdinalIgnoreCase))
        {
            throw new RobotConfigurationException([$"{context.Services.GetRequiredService<RobotCatalog>().SourceOf(context.RobotName)}: Arm '{profile.Arm}' is driven by '{protocol ?? ControllerArmCatalog.DriverOf(profile.Arm!) ?? "no known driver"}', not by Driver '{profile.Driver}'"]);
        }

        string? calibrationPath = profile.CalibrationFile is null ? null : Path.GetFullPath(profile.CalibrationFile);
        ServoCalibration? calibration = calibrationPath is null ? null : ServoCalibrationFile.Load(calibrationPath);
        return ServoArmCatalog.CreateDriver(profile.Arm!, profile.Port!, profile.BaudRate ?? 1_000_000, calibration, calibrationPath, LinkOf(profile));
    }

    private static LinkSettings LinkOf(RobotProfile profile) => new(profile.ReplyTimeoutMs, profile.MaxConsecutiveFailures);
}
