using System.Diagnostics;
using System.Runtime.Versioning;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Dynamixel.Emulation;

/// <summary>
/// One virtual servo's control-table memory and its rules: EEPROM locked while torque is on,
/// fixed ranges (data range error) and limit items (data limit error), read-only and undefined
/// addresses (access error), Goal Position clamped to the position limits in position mode,
/// Torque Enable and Goal Position passed to the joint backend, present values read from it.
/// Not thread-safe: the emulator serialises access.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class EmulatedServo
{
    /// <summary>Bytes of control table emulated (the items this driver knows end at 147).</summary>
    public const int MemorySize = 256;

    private const int ReverseBit = 0x01;
    private readonly byte[] _memory = new byte[MemorySize];
    private readonly IJointBackend _backend;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private byte[]? _registeredWrite;
    private int _registeredAddress;

    public EmulatedServo(VirtualServo setup, IJointBackend backend, int baudRateIndex)
    {
        Setup = setup;
        _backend = backend;
        PowerUp(baudRateIndex);
    }

    public VirtualServo Setup { get; }

    public ServoModel Model => Setup.Model;

    /// <summary>False while removed by fault injection: it neither executes nor answers.</summary>
    public bool IsPresent { get; set; } = true;

    public byte Id => _memory[XSeriesControlTable.Id.Address];

    public int ReturnDelayMicroseconds => _memory[XSeriesControlTable.ReturnDelayTime.Address] * 2;

    public int BaudRate => BaudRateIndex.ToRate(_memory[XSeriesControlTable.BaudRate.Address]);

    public int StatusReturnLevel => _memory[XSeriesControlTable.StatusReturnLevel.Address];

    private bool TorqueOn => _memory[XSeriesControlTable.TorqueEnable.Address] != 0;

    private bool Reversed => (_memory[XSeriesControlTable.DriveMode.Address] & ReverseBit) != 0;

    private OperatingMode Mode => (OperatingMode)_memory[XSeriesControlTable.OperatingMode.Address];

    /// <summary>Whether the servo executes packets sent to <paramref name="id"/>: its own ID or its Secondary ID.</summary>
    public bool Follows(byte id)
    {
        byte secondary = _memory[XSeriesControlTable.SecondaryId.Address];
        return id == Id || (secondary <= ServoIds.MaxServoId && secondary == id);
    }

    /// <summary>The error byte for a reply: the code plus the alert bit while Hardware Error Status is non-zero.</summary>
    public StatusError ReplyError(StatusErrorKind kind) =>
        StatusError.From(kind, _memory[XSeriesControlTable.HardwareErrorStatus.Address] != 0);

    public StatusErrorKind Read(int address, int length, Span<byte> destination)
    {
        if (length <= 0 || address + length > MemorySize)
        {
            return StatusErrorKind.AccessError;
        }

        RefreshPresentValues();
        _memory.AsSpan(address, length).CopyTo(destination);
        return StatusErrorKind.None;
    }

    public StatusErrorKind Write(int address, ReadOnlySpan<byte> data)
    {
        StatusErrorKind check = Validate(address, data);
        if (check == StatusErrorKind.None)
        {
            Apply(address, data);
        }

        return check;
    }

    public StatusErrorKind RegisterWrite(int address, ReadOnlySpan<byte> data)
    {
        _registeredWrite = data.ToArray();
        _registeredAddress = address;
        _memory[XSeriesControlTable.RegisteredInstruction.Address] = 1;
        return StatusErrorKind.None;
    }

    public StatusErrorKind Action()
    {
        if (_registeredWrite is not { } data)
        {
            return StatusErrorKind.InstructionError;
        }

        _registeredWrite = null;
        _memory[XSeriesControlTable.RegisteredInstruction.Address] = 0;
        return Write(_registeredAddress, data);
    }

    /// <summary>Restarts: RAM back to factory values, torque off, hardware error cleared; EEPROM kept.</summary>
    public void Reboot() => PowerUp(baudRateIndex: null);

    /// <summary>An item's value, with present values fresh from the backend.</summary>
    public int Get(ControlTableItem item)
    {
        RefreshPresentValues();
        return Raw(item);
    }

    /// <summary>Sets an item directly, without checks or side effects (test set-up and fault injection).</summary>
    public void Set(ControlTableItem item, int value) => item.WriteValue(value, _memory.AsSpan(item.Address));

    private void PowerUp(int? baudRateIndex)
    {
        bool firstTime = baudRateIndex is not null;
        foreach (ControlTableItem item in Model.Items)
        {
            if (firstTime || item.Area == MemoryArea.Ram)
            {
                item.WriteValue(item.InitialValue, _memory.AsSpan(item.Address));
            }
        }

        _registeredWrite = null;
        if (firstTime)
        {
            Set(XSeriesControlTable.Id, Setup.Id);
            Set(XSeriesControlTable.FirmwareVersion, Setup.FirmwareVersion);
            Set(XSeriesControlTable.BaudRate, Setup.BaudRateIndex ?? baudRateIndex!.Value);
            Set(XSeriesControlTable.ReturnDelayTime, Setup.ReturnDelayTime);
            Set(XSeriesControlTable.DriveMode, Setup.DriveMode);
            Set(XSeriesControlTable.OperatingMode, (int)Setup.OperatingMode);
            Set(XSeriesControlTable.SecondaryId, Setup.SecondaryId);
            Set(XSeriesControlTable.HomingOffset, Setup.HomingOffset);
        }

        int maxVoltage = Raw(XSeriesControlTable.MaxVoltageLimit);
        int minVoltage = Raw(XSeriesControlTable.MinVoltageLimit);
        Set(XSeriesControlTable.PresentInputVoltage, (maxVoltage + minVoltage) / 2);
        Set(XSeriesControlTable.PresentTemperature, 30);
        _backend.SetTorqueEnabled(Setup.JointIndex, false);
        RefreshPresentValues();
        Set(XSeriesControlTable.GoalPosition, Raw(XSeriesControlTable.PresentPosition));
    }

    private StatusErrorKind Validate(int address, ReadOnlySpan<byte> data)
    {
        int covered = 0;
        foreach (ControlTableItem item in Model.Items)
        {
            if (!item.Overlaps(address, data.Length))
            {
                continue;
            }

            if (item.Address < address || item.End > address + data.Length)
            {
                return StatusErrorKind.DataLengthError;
            }

            if (item.Access == ItemAccess.ReadOnly || (item.Area == MemoryArea.Eeprom && TorqueOn))
            {
                return StatusErrorKind.AccessError;
            }

            int value = item.ReadValue(data[(item.Address - address)..]);
            if (!item.IsInRange(value) || (item.Address == XSeriesControlTable.OperatingMode.Address && !Model.Supports((OperatingMode)value)))
            {
                return StatusErrorKind.DataRangeError;
            }

            if (ExceedsLimit(item, value))
            {
                return StatusErrorKind.DataLimitError;
            }

            covered += item.Size;
        }

        return covered == data.Length ? StatusErrorKind.None : StatusErrorKind.AccessError;
    }

    private bool ExceedsLimit(ControlTableItem item, int value)
    {
        ControlTableItem? limit = item.Address switch
        {
            100 => XSeriesControlTable.PwmLimit,
            102 => XSeriesControlTable.CurrentLimit,
            104 => XSeriesControlTable.VelocityLimit,
            _ => null,
        };
        return limit is not null && Math.Abs((long)value) > Raw(limit);
    }

    private void Apply(int address, ReadOnlySpan<byte> data)
    {
        bool wasOn = TorqueOn;
        data.CopyTo(_memory.AsSpan(address));
        int joint = Setup.JointIndex;
        if (TorqueOn != wasOn)
        {
            _backend.SetTorqueEnabled(joint, TorqueOn);
            if (TorqueOn)
            {
                // Like the firmware: the servo holds where it is when torque comes on.
                RefreshPresentValues();
                Set(XSeriesControlTable.GoalPosition, Raw(XSeriesControlTable.PresentPosition));
            }
        }

        if (XSeriesControlTable.GoalPosition.Overlaps(address, data.Length))
        {
            int goal = Raw(XSeriesControlTable.GoalPosition);
            if (Mode == OperatingMode.Position)
            {
                goal = Math.Clamp(goal, Raw(XSeriesControlTable.MinPositionLimit), Raw(XSeriesControlTable.MaxPositionLimit));
                Set(XSeriesControlTable.GoalPosition, goal);
            }

            if (TorqueOn && Mode is OperatingMode.Position or OperatingMode.ExtendedPosition or OperatingMode.CurrentBasedPosition)
            {
                _backend.SetGoalPosition(joint, CountsToJoint(goal));
            }
        }
    }

    private void RefreshPresentValues()
    {
        int joint = Setup.JointIndex;
        int sign = Setup.DirectionSign;
        int mirror = Reversed ? -1 : 1;
        double motorAngle = (sign * _backend.GetPresentPosition(joint)) + Setup.ZeroOffsetRadians;
        int position = ServoUnits.CentreCount + (mirror * (ServoUnits.RadiansToPosition(motorAngle) - ServoUnits.CentreCount)) + Raw(XSeriesControlTable.HomingOffset);
        Set(XSeriesControlTable.PresentPosition, position);
        int velocity = mirror * ServoUnits.RadiansPerSecondToVelocity(sign * _backend.GetPresentVelocity(joint));
        Set(XSeriesControlTable.PresentVelocity, velocity);
        int current = Model.HasCurrentSensing
            ? Math.Clamp(mirror * ServoUnits.AmperesToCurrent(sign * _backend.GetPresentCurrent(joint), Model), short.MinValue, short.MaxValue)
            : 0;
        Set(XSeriesControlTable.PresentCurrent, current);
        Set(XSeriesControlTable.Moving, Math.Abs(velocity) > Raw(XSeriesControlTable.MovingThreshold) ? 1 : 0);
        long elapsedMs = (Stopwatch.GetTimestamp() - _startTimestamp) * 1000 / Stopwatch.Frequency;
        Set(XSeriesControlTable.RealtimeTick, (int)(elapsedMs % 32768));
    }

    private int Raw(ControlTableItem item) => item.ReadValue(_memory.AsSpan(item.Address));

    /// <summary>Goal Position counts to the joint angle: undo Homing Offset, Drive Mode reverse, mounting offset and direction.</summary>
    private double CountsToJoint(int counts)
    {
        int mirror = Reversed ? -1 : 1;
        int motorCounts = ServoUnits.CentreCount + (mirror * (counts - Raw(XSeriesControlTable.HomingOffset) - ServoUnits.CentreCount));
        return (ServoUnits.PositionToRadians(motorCounts) - Setup.ZeroOffsetRadians) * Setup.DirectionSign;
    }
}
