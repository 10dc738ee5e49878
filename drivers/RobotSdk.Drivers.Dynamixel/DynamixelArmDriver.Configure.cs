using System.Buffers.Binary;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Configure: find the servos, check them, and write the control table where it differs.</summary>
public sealed partial class DynamixelArmDriver
{
    /// <summary>Counts by which a shadow may read differently from its primary before Configure realigns it (about 0.18 degrees).</summary>
    private const int ShadowToleranceCounts = 2;

    /// <summary>EEPROM range read from each servo: Return Delay Time (9) to the end of Min Position Limit (55).</summary>
    private const ushort SettingsAddress = 9;
    private const int SettingsLength = 47;

    /// <summary>
    /// Opens the port, checks every servo and writes the arm's settings; Unconfigured (or
    /// Inactive, Active after a fault) → Inactive with torque off. Safe to call again: it
    /// reopens the port, for an adapter that was unplugged and came back.
    /// </summary>
    /// <exception cref="CalibrationMismatchException">The calibration belongs to another arm, or recorded other drive modes; the message names its source.</exception>
    /// <exception cref="DeviceUnavailableException">The port cannot be opened.</exception>
    /// <exception cref="HardwareFaultException">
    /// A servo did not answer, is another model than the arm needs, reports a hardware alert, or
    /// refused a setting; the message names the port, the joint and the ID.
    /// </exception>
    public void Configure()
    {
        ObjectDisposedException.ThrowIf(State == DriverState.Disposed, this);
        CheckCalibration();
        Deactivate();
        State = DriverState.Unconfigured;
        if (_port.IsOpen && _portOpenedBefore)
        {
            _port.Close();
        }

        Bus.Open();
        _portOpenedBefore = true;
        UsesFastSyncRead = ArmServos.Check(Bus, Arm.Model, _motors) && _preferFastSyncRead;
        SetTorque(enabled: false);
        foreach (DynamixelMotor motor in _motors)
        {
            // Primaries come first: a write to a primary's ID also reaches its shadow, whose own values follow.
            WriteSettings(motor);
        }

        if (_calibration is null)
        {
            AlignShadows();
        }

        HoldTrigger();
        _readFailures = 0;
        _writeFailures = 0;
        if (Read(_frame) != DriverStatus.Ok)
        {
            throw LastFault("the joint state could not be read");
        }

        _readFailures = 0;
        State = DriverState.Inactive;
    }

    private void CheckCalibration()
    {
        if (_calibration is not { } calibration)
        {
            return;
        }

        calibration.EnsureMatches(Arm.Model, Arm.MotorIds, _calibrationSource);
        foreach (DynamixelMotor motor in _motors)
        {
            int reversed = motor.DriveMode & DynamixelJoint.ReverseBit;
            if (calibration.Motors[motor.Name].DriveMode != reversed)
            {
                throw new CalibrationMismatchException(
                    $"{_calibrationSource}: motor '{motor.Name}' was calibrated with drive_mode {calibration.Motors[motor.Name].DriveMode}, but a '{Arm.Model}' runs it with {reversed}; its homing offset would put the joint elsewhere. Record a new calibration.");
            }
        }
    }

    /// <summary>Reads a servo's settings once and writes those that differ from the arm's (and the calibration's).</summary>
    private void WriteSettings(DynamixelMotor motor)
    {
        Span<byte> settings = stackalloc byte[SettingsLength];
        Bus.Read(motor.Id, SettingsAddress, settings);
        WriteIfDifferent(motor.Id, XSeriesControlTable.ReturnDelayTime, settings, 0);
        WriteIfDifferent(motor.Id, XSeriesControlTable.DriveMode, settings, motor.DriveMode);
        WriteIfDifferent(motor.Id, XSeriesControlTable.OperatingMode, settings, (int)motor.OperatingMode);
        WriteIfDifferent(motor.Id, XSeriesControlTable.SecondaryId, settings, motor.SecondaryId);
        if (_calibration?.Motors[motor.Name] is { } calibration)
        {
            WriteIfDifferent(motor.Id, XSeriesControlTable.HomingOffset, settings, calibration.HomingOffset);
            WriteIfDifferent(motor.Id, XSeriesControlTable.MaxPositionLimit, settings, Math.Clamp(calibration.RangeMax, 0, ServoUnits.CountsPerRevolution - 1));
            WriteIfDifferent(motor.Id, XSeriesControlTable.MinPositionLimit, settings, Math.Clamp(calibration.RangeMin, 0, ServoUnits.CountsPerRevolution - 1));
        }

        // RAM: no servo-side profile. The safety layer shapes the motion; a profile left by other
        // software (Interbotix's 2 s time-based default) would make the servo lag every goal.
        Span<byte> profile = stackalloc byte[8];
        Bus.Read(motor.Id, XSeriesControlTable.ProfileAcceleration.Address, profile);
        if (BinaryPrimitives.ReadInt64LittleEndian(profile) != 0)
        {
            Bus.Write(motor.Id, XSeriesControlTable.ProfileAcceleration, 0);
            Bus.Write(motor.Id, XSeriesControlTable.ProfileVelocity, 0);
        }
    }

    private void WriteIfDifferent(byte id, ControlTableItem item, ReadOnlySpan<byte> settings, int wanted)
    {
        if (item.ReadValue(settings[(item.Address - SettingsAddress)..]) != wanted)
        {
            Bus.Write(id, item, wanted);
        }
    }

    /// <summary>
    /// Without a calibration, makes each shadow read what its primary reads (as Interbotix's
    /// <c>calibrate: true</c> shadows), so the two servos never fight over one joint.
    /// </summary>
    private void AlignShadows()
    {
        foreach (DynamixelJoint joint in _joints)
        {
            if (joint.ShadowId is not { } shadowId)
            {
                continue;
            }

            int difference = Bus.Read(joint.Id, XSeriesControlTable.PresentPosition) - Bus.Read(shadowId, XSeriesControlTable.PresentPosition);
            if (Math.Abs(difference) > ShadowToleranceCounts)
            {
                int offset = Bus.Read(shadowId, XSeriesControlTable.HomingOffset);
                Bus.Write(shadowId, XSeriesControlTable.HomingOffset, offset + difference);
            }
        }
    }

    /// <summary>A leader's gripper handle: torque on at its trigger position, so a squeeze springs back.</summary>
    private void HoldTrigger()
    {
        if (!_holdTrigger || Arm.Gripper?.TriggerOpenFraction is not { } fraction || Description.Grippers.Count == 0)
        {
            return;
        }

        GripperDescription gripper = Description.Grippers[0];
        DynamixelJoint joint = _joints[Arm.IndexOf(gripper.JointName)];
        double position = gripper.ClosedPosition + (fraction * (gripper.OpenPosition - gripper.ClosedPosition));
        // Torque first: turning it on makes the servo hold where it is, overwriting Goal Position.
        Bus.Write(joint.Id, XSeriesControlTable.TorqueEnable, 1);
        Bus.Write(joint.Id, XSeriesControlTable.GoalPosition, joint.ToCounts(position));
    }
}
