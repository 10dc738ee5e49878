using System.Globalization;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech;

/// <summary>Configure's checks and settings: motors present and of the right model, EEPROM as needed.</summary>
public sealed partial class FeetechArmDriver
{
    private string Describe(FeetechMotor motor) => string.Create(CultureInfo.InvariantCulture, $"motor '{motor.Name}' (ID {motor.Id}) of the {Arm.Model}");

    private void CheckMotors()
    {
        var missing = new List<FeetechMotor>();
        foreach (FeetechMotor motor in Arm.Motors)
        {
            FeetechPingResult ping;
            try
            {
                ping = FirstContact.Request(() => _bus.Ping(motor.Id));
            }
            catch (HardwareTimeoutException)
            {
                missing.Add(motor);
                continue;
            }
            catch (DeviceErrorException error)
            {
                throw new DeviceErrorException(PortName, motor.Id, error.Register, error.ErrorCode, $"{Describe(motor)} reports an error: {error.Reason}", error.IsHardwareAlert);
            }

            if (ping.ModelNumber != motor.Servo.ModelNumber)
            {
                throw new HardwareFaultException(PortName, motor.Id, Sts3215.ModelNumber.Name, string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(motor)} is a servo with model number {ping.ModelNumber}, not an {motor.Servo.Name} ({motor.Servo.ModelNumber}); check which servo has which ID"));
            }
        }

        if (missing.Count > 0)
        {
            string names = string.Join(", ", missing.Select(motor => string.Create(CultureInfo.InvariantCulture, $"'{motor.Name}' (ID {motor.Id})")));
            throw new HardwareTimeoutException(PortName, missing[0].Id, null, string.Create(CultureInfo.InvariantCulture,
                $"{missing.Count} of the {Arm.Motors.Count} motors of the {Arm.Model} do not answer: {names}; check the servo power supply, the cables, the IDs and the baud rate ({_options.Bus.BaudRate})"));
        }
    }

    /// <summary>Brings one servo's EEPROM settings to what this driver needs, writing only what differs.</summary>
    private void ApplySettings(int index)
    {
        FeetechMotor motor = Arm.Motors[index];
        byte[] settings = new byte[SettingsLength];
        _bus.Read(motor.Id, FirstSettingAddress, settings);
        var changes = new List<(ControlTableItem Item, int Value)>();
        void Want(ControlTableItem item, int value)
        {
            if (item.Decode(settings.AsSpan(item.Address - FirstSettingAddress)) != value)
            {
                changes.Add((item, value));
            }
        }

        Want(Sts3215.ReturnDelayTime, 0);
        Want(Sts3215.OperatingMode, 0);
        if (_calibration?.Motors[motor.Name] is { } calibration)
        {
            Want(Sts3215.HomingOffset, calibration.HomingOffset);
            Want(Sts3215.MinAngleLimit, calibration.RangeMin);
            Want(Sts3215.MaxAngleLimit, calibration.RangeMax);
        }

        if (changes.Count > 0)
        {
            ServoEeprom.WritePersistent(_bus, motor.Id, changes);
        }
    }
}
