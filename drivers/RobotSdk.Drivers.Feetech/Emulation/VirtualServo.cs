using System.Runtime.Versioning;
using RobotSdk.Hardware;

namespace RobotSdk.Drivers.Feetech.Emulation;

/// <summary>
/// One virtual STS3215: a full 256-byte control-table memory, the EEPROM image that survives a
/// power cycle, a pending RegWrite, and the mapping between its registers and a joint of an
/// <see cref="IJointBackend"/>. Not thread-safe: the emulator serialises access.
/// </summary>
/// <remarks>
/// <para>
/// EEPROM semantics follow Feetech's memory table: addresses below 40 are EEPROM. A write there
/// always takes effect at once; it is also saved (survives <see cref="PowerOn"/>) only when Lock
/// (55) is 0 at the time. Feetech's SDK writes Lock 0 before changing an ID and 1 after
/// (<c>unLockEprom</c>/<c>LockEprom</c>), and field notes on the STS3215 confirm that the lock gates
/// persistence, not acceptance. Writes to read-only items are ignored.
/// </para>
/// <para>
/// Position: servo angle = <c>Direction * joint + ZeroOffset</c>; the encoder count ("actual") is
/// that angle in counts around 2048, wrapped to 0..4095; Present = Actual - Homing Offset, wrapped.
/// A goal is clamped to the angle limits (position mode, unless both limits are 0), then
/// Actual goal = Goal + Homing Offset. Enabling torque sets the goal register to the present
/// position, so the servo holds where it is (an emulator choice, matching the backend's contract).
/// Torque is on for Torque_Enable = 1 only; other values (such as 128, Feetech's "set centre") are
/// stored but not modelled.
/// </para>
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class VirtualServo
{
    private const int LockAddress = 55;
    private readonly byte[] _memory = new byte[256];
    private readonly byte[] _eeprom = new byte[Sts3215.FirstRamAddress];
    private readonly byte[] _registered = new byte[FeetechPacket.MaxParameterLength];
    private readonly IJointBackend _backend;
    private readonly VirtualServoConfiguration _configuration;
    private readonly FeetechEmulatorOptions _options;
    private int _registeredLength;

    public VirtualServo(VirtualServoConfiguration configuration, IJointBackend backend, FeetechEmulatorOptions options)
    {
        _configuration = configuration;
        _backend = backend;
        _options = options;
        Span<byte> eeprom = _eeprom;
        eeprom[Sts3215.FirmwareMajorVersion.Address] = (byte)options.Firmware.Major;
        eeprom[Sts3215.FirmwareMinorVersion.Address] = (byte)options.Firmware.Minor;
        Sts3215.ModelNumber.Encode(configuration.ModelNumber, eeprom[Sts3215.ModelNumber.Address..]);
        eeprom[Sts3215.Id.Address] = configuration.Id;
        eeprom[Sts3215.BaudRate.Address] = (byte)StsUnits.CodeFromBaudRate(options.BaudRate);
        eeprom[Sts3215.ReturnDelayTime.Address] = (byte)options.ReturnDelayTime;
        eeprom[Sts3215.ResponseStatusLevel.Address] = 1;
        Sts3215.MaxAngleLimit.Encode(StsUnits.CountsPerTurn - 1, eeprom[Sts3215.MaxAngleLimit.Address..]);
        eeprom[13] = 70; // maximum temperature limit, C
        eeprom[Sts3215.PositionPGain.Address] = 32;
        eeprom[Sts3215.PositionDGain.Address] = 32;
        PowerOn();
    }

    /// <summary>The servo's current ID (its ID register).</summary>
    public byte Id => _memory[Sts3215.Id.Address];

    /// <summary>Whether the servo was unplugged by fault injection: it ignores everything.</summary>
    public bool Removed { get; set; }

    /// <summary>Error bits injected into every reply (and the Status item).</summary>
    public FeetechErrors InjectedErrors { get; set; }

    /// <summary>Its line rate, from its baud rate code; 0 for a code it cannot use.</summary>
    public int BaudRate => _memory[Sts3215.BaudRate.Address] <= 7 ? StsUnits.BaudRateFromCode(_memory[Sts3215.BaudRate.Address]) : 0;

    /// <summary>Its return delay, microseconds.</summary>
    public int ReturnDelayMicroseconds => StsUnits.ReturnDelayToMicroseconds(_memory[Sts3215.ReturnDelayTime.Address]);

    /// <summary>Whether it answers every instruction (level 1) or only Read and Ping (level 0).</summary>
    public bool RepliesToAll => _memory[Sts3215.ResponseStatusLevel.Address] != 0;

    /// <summary>Power-on: EEPROM from the saved image, RAM to defaults, torque off.</summary>
    public void PowerOn()
    {
        Array.Clear(_memory);
        _eeprom.CopyTo(_memory, 0);
        _registeredLength = 0;
        _backend.SetTorqueEnabled(_configuration.JointIndex, false);
        RefreshFeedback();
        Sts3215.GoalPosition.Encode(Sts3215.PresentPosition.Decode(Bytes(Sts3215.PresentPosition)), Bytes(Sts3215.GoalPosition));
        Sts3215.TorqueLimit.Encode(1000, Bytes(Sts3215.TorqueLimit));
        _memory[LockAddress] = 1;
    }

    /// <summary>Copies <c>destination.Length</c> bytes from <paramref name="address"/>, feedback refreshed; false beyond the table.</summary>
    public bool Read(int address, Span<byte> destination)
    {
        if (address + destination.Length > _memory.Length)
        {
            return false;
        }

        RefreshFeedback();
        _memory.AsSpan(address, destination.Length).CopyTo(destination);
        return true;
    }

    /// <summary>Applies a Write: stores writable bytes, saves EEPROM bytes when unlocked, then acts on torque and goal.</summary>
    public void Write(int address, ReadOnlySpan<byte> data)
    {
        if (address + data.Length > _memory.Length)
        {
            return;
        }

        bool wasTorqueOn = TorqueOn;
        bool saveEeprom = _memory[LockAddress] == 0;
        for (int i = 0; i < data.Length; i++)
        {
            int at = address + i;
            if (Sts3215.Model.ItemAt(at) is { IsWritable: false })
            {
                continue;
            }

            _memory[at] = data[i];
            if (at < Sts3215.FirstRamAddress && saveEeprom)
            {
                _eeprom[at] = data[i];
            }
        }

        if (TorqueOn != wasTorqueOn)
        {
            _backend.SetTorqueEnabled(_configuration.JointIndex, TorqueOn);
            if (TorqueOn)
            {
                RefreshFeedback();
                Bytes(Sts3215.PresentPosition).CopyTo(Bytes(Sts3215.GoalPosition));
            }
        }

        if (TorqueOn && Touches(address, data.Length, Sts3215.GoalPosition))
        {
            ApplyGoal();
        }
    }

    /// <summary>Stores a RegWrite for the next Action.</summary>
    public void StoreRegisteredWrite(int address, ReadOnlySpan<byte> data)
    {
        _registered[0] = (byte)address;
        data.CopyTo(_registered.AsSpan(1));
        _registeredLength = data.Length + 1;
    }

    /// <summary>Applies the stored RegWrite, if any.</summary>
    public void Action()
    {
        if (_registeredLength > 0)
        {
            int length = _registeredLength;
            _registeredLength = 0;
            Write(_registered[0], _registered.AsSpan(1, length - 1));
        }
    }

    private bool TorqueOn => _memory[Sts3215.TorqueEnable.Address] == 1;

    private static bool Touches(int address, int length, ControlTableItem item) =>
        address < item.Address + item.Size && item.Address < address + length;

    private static int Wrap(int counts) => ((counts % StsUnits.CountsPerTurn) + StsUnits.CountsPerTurn) % StsUnits.CountsPerTurn;

    private Span<byte> Bytes(ControlTableItem item) => _memory.AsSpan(item.Address, item.Size);

    private int Value(ControlTableItem item) => item.Decode(Bytes(item));

    private void Store(ControlTableItem item, int value) =>
        item.Encode(Math.Clamp(value, item.MinValue, item.MaxValue), Bytes(item));

    private void ApplyGoal()
    {
        int goal = Value(Sts3215.GoalPosition);
        int min = Value(Sts3215.MinAngleLimit);
        int max = Value(Sts3215.MaxAngleLimit);
        if (_memory[Sts3215.OperatingMode.Address] == 0 && (min != 0 || max != 0))
        {
            goal = Math.Clamp(goal, min, max);
        }

        int actual = Wrap(goal + Value(Sts3215.HomingOffset));
        double servoAngle = StsUnits.CountsToRadians(actual);
        _backend.SetGoalPosition(_configuration.JointIndex, _configuration.Direction * (servoAngle - _configuration.ZeroOffsetRadians));
    }

    private void RefreshFeedback()
    {
        int joint = _configuration.JointIndex;
        int direction = _configuration.Direction;
        double servoAngle = (direction * _backend.GetPresentPosition(joint)) + _configuration.ZeroOffsetRadians;
        int actual = Wrap(StsUnits.RadiansToCounts(servoAngle));
        Store(Sts3215.PresentPosition, Wrap(actual - Value(Sts3215.HomingOffset)));
        int speed = StsUnits.RadiansPerSecondToCountsPerSecond(direction * _backend.GetPresentVelocity(joint));
        Store(Sts3215.PresentSpeed, speed);
        double current = direction * _backend.GetPresentCurrent(joint);
        Store(Sts3215.PresentCurrent, StsUnits.AmperesToCurrent(current));
        Store(Sts3215.PresentLoad, Math.Clamp(StsUnits.TorqueFractionToLoad(current / _options.CurrentAtFullLoadAmperes), -1000, 1000));
        Store(Sts3215.PresentVoltage, StsUnits.VoltsToVoltage(_options.SupplyVolts));
        Store(Sts3215.PresentTemperature, _options.TemperatureCelsius);
        _memory[Sts3215.Status.Address] = (byte)InjectedErrors;
        _memory[Sts3215.Moving.Address] = speed != 0 ? (byte)1 : (byte)0;
    }
}
