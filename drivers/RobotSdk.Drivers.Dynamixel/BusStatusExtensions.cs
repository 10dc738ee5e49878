using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Maps bus outcomes onto the driver contract.</summary>
public static class BusStatusExtensions
{
    /// <summary>
    /// The <see cref="DriverStatus"/> an arm driver reports for a bus outcome: transient faults
    /// are <see cref="DriverStatus.Error"/>; a hardware alert or a vanished port is
    /// <see cref="DriverStatus.MustDeactivate"/>.
    /// </summary>
    /// <param name="status">The bus outcome.</param>
    /// <returns>The driver status.</returns>
    public static DriverStatus ToDriverStatus(this BusStatus status) => status switch
    {
        BusStatus.Ok => DriverStatus.Ok,
        BusStatus.HardwareAlert or BusStatus.Disconnected => DriverStatus.MustDeactivate,
        _ => DriverStatus.Error,
    };
}
