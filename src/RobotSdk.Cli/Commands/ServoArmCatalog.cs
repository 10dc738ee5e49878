using System.Runtime.Versioning;
using RobotSdk.Drivers.Dynamixel;
using RobotSdk.Drivers.Dynamixel.Emulation;
using RobotSdk.Drivers.Feetech;
using RobotSdk.Drivers.Feetech.Emulation;
using RobotSdk.Hardware;

namespace RobotSdk.Cli.Commands;

/// <summary>The servo-bus arms the CLI knows, by model name, with what each protocol needs to drive or emulate them.</summary>
[SupportedOSPlatform("linux")]
internal static class ServoArmCatalog
{
    /// <summary>Every arm model name with its protocol.</summary>
    public static IEnumerable<(string Model, string Protocol)> All =>
        DynamixelArms.All.Select(arm => (arm.Model, ServoOptions.Dynamixel))
            .Concat(FeetechArms.All.Select(arm => (arm.Model, ServoOptions.Feetech)));

    /// <summary>The protocol of <paramref name="model"/>, or null when no servo-bus arm has that name.</summary>
    public static string? ProtocolOf(string model) =>
        All.Where(a => string.Equals(a.Model, model, StringComparison.OrdinalIgnoreCase)).Select(a => a.Protocol).FirstOrDefault();

    /// <summary>Description of <paramref name="model"/> (nominal, uncalibrated).</summary>
    public static RobotDescription Describe(string model) => ProtocolOf(model) == ServoOptions.Dynamixel
        ? DynamixelArms.Find(model)!.Description
        : FeetechArms.Find(model).Description;

    /// <summary>Starts an emulator of <paramref name="model"/> whose port is reachable at <paramref name="linkPath"/>.</summary>
    public static IDisposable StartEmulator(string model, string linkPath, int baud)
    {
        if (ProtocolOf(model) == ServoOptions.Dynamixel)
        {
            var dynamixel = new DynamixelArmEmulator(DynamixelArms.Find(model)!, options: new DynamixelArmEmulatorOptions { LinkPath = linkPath, BaudRate = baud });
            dynamixel.Start();
            return dynamixel;
        }

        var feetech = new FeetechArmEmulator(FeetechArms.Find(model), options: new FeetechArmEmulatorOptions { LinkPath = linkPath, Servos = new FeetechEmulatorOptions { BaudRate = baud } });
        feetech.Start();
        return feetech;
    }

    /// <summary>The steps of servo calibration over a configured, inactive driver of either bus.</summary>
    public static (Action Begin, Action RecordHome, Action Sample, Func<string, ServoCalibration> Finish) CreateRecorder(IRobotDriver driver)
    {
        if (driver is DynamixelArmDriver dynamixelDriver)
        {
            var dynamixel = new RobotSdk.Drivers.Dynamixel.DynamixelCalibrationRecorder(dynamixelDriver);
            return (dynamixel.Begin, dynamixel.RecordHome, () => dynamixel.Sample(), dynamixel.Finish);
        }

        var feetech = new FeetechCalibrationRecorder((FeetechArmDriver)driver);
        return (feetech.Begin, feetech.RecordHome, feetech.Sample, feetech.Finish);
    }

    /// <summary>Creates the driver for <paramref name="model"/> on <paramref name="portPath"/> (it opens the port in Configure).</summary>
    public static IRobotDriver CreateDriver(string model, string portPath, int baud, ServoCalibration? calibration, string? calibrationSource, LinkSettings link = default)
    {
        if (ProtocolOf(model) == ServoOptions.Dynamixel)
        {
            var dynamixel = new DynamixelArmDriverOptions { Bus = new DynamixelBusOptions { BaudRate = baud }, Calibration = calibration, CalibrationSource = calibrationSource };
            dynamixel.Bus.ReplyTimeoutMs = link.ReplyTimeoutMs ?? dynamixel.Bus.ReplyTimeoutMs;
            dynamixel.MaxConsecutiveFailures = link.MaxConsecutiveFailures ?? dynamixel.MaxConsecutiveFailures;
            return new DynamixelArmDriver(portPath, DynamixelArms.Find(model)!, dynamixel);
        }

        var feetech = new FeetechArmDriverOptions { Bus = new FeetechBusOptions { BaudRate = baud }, Calibration = calibration, CalibrationSource = calibrationSource };
        feetech.Bus.ReplyTimeoutMs = link.ReplyTimeoutMs ?? feetech.Bus.ReplyTimeoutMs;
        feetech.MaxConsecutiveFailures = link.MaxConsecutiveFailures ?? feetech.MaxConsecutiveFailures;
        return new FeetechArmDriver(portPath, FeetechArms.Find(model), feetech);
    }
}
