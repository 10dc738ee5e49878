using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech.Tests;

/// <summary>Calibrations made up for tests.</summary>
internal static class Calibrations
{
    /// <summary>No homing offsets, and each range exactly the motor's nominal limits.</summary>
    public static ServoCalibration Nominal(FeetechArm arm, string armId, string? model = null) =>
        new(model ?? arm.Model, armId, FeetechArm.CalibrationBus, arm.Motors.ToDictionary(
            motor => motor.Name,
            motor => new MotorCalibration(
                motor.Id,
                0,
                0,
                StsUnits.RadiansToCounts(motor.MinPositionRadians),
                StsUnits.RadiansToCounts(motor.MaxPositionRadians))));

    public static string TemporaryFile(string name) => Path.Combine(Path.GetTempPath(), $"feetech-{Guid.NewGuid():N}-{name}");
}
