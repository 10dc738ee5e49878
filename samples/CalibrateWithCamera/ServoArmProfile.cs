using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RobotSdk;
using RobotSdk.Configuration;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Hardware;

/// <summary>Loads a RobotSdk profile (JSON, robots under "Robots") that may name the servo-bus arms: SO-100/SO-101 on Feetech, Koch on Dynamixel.</summary>
internal static class ServoArmProfile
{
    /// <summary>The container with every robot of <paramref name="profilePath"/>, validated before any hardware is touched.</summary>
    public static ServiceProvider Load(string profilePath)
    {
        var services = new ServiceCollection();
        RobotSdkBuilder builder = services.AddRobotSdk();
        foreach (RobotDescription description in FeetechArms.All.Select(a => a.Description).Concat(DynamixelArms.All.Select(a => a.Description)))
        {
            builder.AddArmModel(description);
        }

        builder.AddDriver("feetech", CreateServoDriver).AddDriver("dynamixel", CreateServoDriver)
            .AddRobots(new ConfigurationBuilder().AddJsonFile(profilePath).Build());
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateRobotProfiles(); // names the file and field before touching hardware
        return provider;
    }

    // The profile's BaudRate, CalibrationFile (servo zeros; servos LeRobot already calibrated need none),
    // ReplyTimeoutMs and MaxConsecutiveFailures reach the driver; what the profile leaves out keeps the driver's default.
    private static IRobotDriver CreateServoDriver(RobotDriverContext context)
    {
        RobotProfile profile = context.Profile;
        string? source = profile.CalibrationFile is null ? null : Path.GetFullPath(profile.CalibrationFile);
        ServoCalibration? calibration = source is null ? null : ServoCalibrationFile.Load(source);
        int baud = profile.BaudRate ?? 1_000_000;
        if (string.Equals(profile.Driver, "dynamixel", StringComparison.OrdinalIgnoreCase))
        {
            var dynamixel = new DynamixelArmDriverOptions { Bus = new DynamixelBusOptions { BaudRate = baud }, Calibration = calibration, CalibrationSource = source };
            dynamixel.Bus.ReplyTimeoutMs = profile.ReplyTimeoutMs ?? dynamixel.Bus.ReplyTimeoutMs;
            dynamixel.MaxConsecutiveFailures = profile.MaxConsecutiveFailures ?? dynamixel.MaxConsecutiveFailures;
            return new DynamixelArmDriver(profile.Port!, DynamixelArms.Find(profile.Arm!) ?? throw new KeyNotFoundException($"No Dynamixel arm is called '{profile.Arm}'."), dynamixel);
        }

        var feetech = new FeetechArmDriverOptions { Bus = new FeetechBusOptions { BaudRate = baud }, Calibration = calibration, CalibrationSource = source };
        feetech.Bus.ReplyTimeoutMs = profile.ReplyTimeoutMs ?? feetech.Bus.ReplyTimeoutMs;
        feetech.MaxConsecutiveFailures = profile.MaxConsecutiveFailures ?? feetech.MaxConsecutiveFailures;
        return new FeetechArmDriver(profile.Port!, FeetechArms.Find(profile.Arm!), feetech);
    }
}
