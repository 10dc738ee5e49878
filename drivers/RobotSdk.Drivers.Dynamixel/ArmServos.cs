using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Checks that the servos on a bus are the ones an arm needs (shared by the driver and the calibration recorder).</summary>
internal static class ArmServos
{
    /// <summary>Fast Sync Read needs X-series firmware 45 or newer.</summary>
    private const int FastSyncReadFirmware = 45;

    /// <summary>
    /// Pings every servo and checks its model and hardware alert; returns whether every one
    /// can answer Fast Sync Read. Messages name the port, the joint and the ID.
    /// </summary>
    public static bool Check(DynamixelBus bus, string armModel, IReadOnlyList<DynamixelMotor> motors)
    {
        bool fastSyncRead = true;
        foreach (DynamixelMotor motor in motors)
        {
            PingResult ping;
            try
            {
                ping = FirstContact.Request(() => bus.Ping(motor.Id));
            }
            catch (HardwareTimeoutException timeout)
            {
                throw new HardwareTimeoutException(timeout.Bus, motor.Id, null, $"{motor.Describe()} ({motor.Model.Name}) did not answer Ping: {timeout.Reason}");
            }

            if (ping.ModelNumber != motor.Model.ModelNumber)
            {
                string found = ping.Model is { } model ? $"an {model.Name} ({model.ModelNumber})" : $"model number {ping.ModelNumber}";
                throw new HardwareFaultException(
                    bus.PortName, motor.Id, XSeriesControlTable.ModelNumber.Name,
                    $"{motor.Describe()} needs an {motor.Model.Name} ({motor.Model.ModelNumber}) but ID {motor.Id} is {found}; is this a '{armModel}' arm, with its servo IDs set up?");
            }

            if (ping.HasHardwareAlert)
            {
                byte bits = bus.ReadHardwareErrorStatus(motor.Id);
                throw new DeviceErrorException(
                    bus.PortName, motor.Id, XSeriesControlTable.HardwareErrorStatus.Name, bits,
                    $"{motor.Describe()} reports a hardware alert ({HardwareErrorBits.Describe(bits)}); remove the cause, then power-cycle the arm or reboot the servo",
                    isHardwareAlert: true);
            }

            fastSyncRead &= ping.FirmwareVersion >= FastSyncReadFirmware;
        }

        return fastSyncRead;
    }
}
