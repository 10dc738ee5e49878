namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The X-series control table (Protocol 2.0), items shared by every model this driver knows.
/// Addresses, sizes and access are identical across the models; ranges and factory values
/// that differ per model are set on each <see cref="ServoModel"/>'s copy, so read limits from
/// <c>model[name]</c>, and use these fields where only the address and size matter.
/// </summary>
/// <remarks>
/// Source: ROBOTIS e-Manual control tables of the XL330-M288/M077, XL430-W250, XM430-W350,
/// XM540-W270 and XC430-W150 (https://emanual.robotis.com/docs/en/dxl/x/), also summarised in
/// the driver README. Items not used by the SDK (indirect addresses, external ports) are left out.
/// </remarks>
public static class XSeriesControlTable
{
    private const string Pulse = "1 pulse (4096 per turn)";
    private const string Rpm = "0.229 rev/min";

    /// <summary>Model Number (0, 2 bytes, read only).</summary>
    public static ControlTableItem ModelNumber { get; } = Eeprom("Model Number", 0, 2, ItemAccess.ReadOnly);

    /// <summary>Model Information (2, 4 bytes, read only).</summary>
    public static ControlTableItem ModelInformation { get; } = Eeprom("Model Information", 2, 4, ItemAccess.ReadOnly);

    /// <summary>Firmware Version (6, 1 byte, read only).</summary>
    public static ControlTableItem FirmwareVersion { get; } = Eeprom("Firmware Version", 6, 1, ItemAccess.ReadOnly);

    /// <summary>ID (7), 0 to 252, factory 1.</summary>
    public static ControlTableItem Id { get; } = Eeprom("ID", 7, 1) with { Minimum = 0, Maximum = ServoIds.MaxServoId, InitialValue = 1 };

    /// <summary>Baud Rate (8): 0 = 9600, 1 = 57600 (factory), 2 = 115200, 3 = 1M, 4 = 2M, 5 = 3M, 6 = 4M, 7 = 4.5M (not XL330).</summary>
    public static ControlTableItem BaudRate { get; } = Eeprom("Baud Rate", 8, 1) with { Minimum = 0, Maximum = 7, InitialValue = 1 };

    /// <summary>Return Delay Time (9), 2 µs per count, 0 to 254, factory 250 (500 µs).</summary>
    public static ControlTableItem ReturnDelayTime { get; } = Eeprom("Return Delay Time", 9, 1) with { Minimum = 0, Maximum = 254, InitialValue = 250, Unit = "2 µs" };

    /// <summary>Drive Mode (10): bit 0 reverse direction, bit 2 time-based profile.</summary>
    public static ControlTableItem DriveMode { get; } = Eeprom("Drive Mode", 10, 1) with { Minimum = 0, Maximum = 5 };

    /// <summary>Operating Mode (11), see <see cref="Dynamixel.OperatingMode"/>; factory 3 (position).</summary>
    public static ControlTableItem OperatingMode { get; } = Eeprom("Operating Mode", 11, 1) with { Minimum = 0, Maximum = 16, InitialValue = 3 };

    /// <summary>Secondary (Shadow) ID (12): a servo also executes writes to this ID without answering; 253 to 255 turn it off (factory 255).</summary>
    public static ControlTableItem SecondaryId { get; } = Eeprom("Secondary ID", 12, 1) with { Minimum = 0, Maximum = 255, InitialValue = 255 };

    /// <summary>Protocol Type (13), factory 2.</summary>
    public static ControlTableItem ProtocolType { get; } = Eeprom("Protocol Type", 13, 1) with { InitialValue = 2 };

    /// <summary>Homing Offset (20), pulses, ±1,044,479: Present Position = actual position + Homing Offset.</summary>
    public static ControlTableItem HomingOffset { get; } = Eeprom("Homing Offset", 20, 4, signed: true) with { Minimum = -1_044_479, Maximum = 1_044_479, Unit = Pulse };

    /// <summary>Moving Threshold (24), 0.229 rev/min, 0 to 1023.</summary>
    public static ControlTableItem MovingThreshold { get; } = Eeprom("Moving Threshold", 24, 4) with { Minimum = 0, Maximum = 1023, InitialValue = 10, Unit = Rpm };

    /// <summary>Temperature Limit (31), °C, 0 to 100.</summary>
    public static ControlTableItem TemperatureLimit { get; } = Eeprom("Temperature Limit", 31, 1) with { Minimum = 0, Maximum = 100, InitialValue = 80, Unit = "1 °C" };

    /// <summary>Max Voltage Limit (32), 0.1 V.</summary>
    public static ControlTableItem MaxVoltageLimit { get; } = Eeprom("Max Voltage Limit", 32, 2) with { Unit = "0.1 V" };

    /// <summary>Min Voltage Limit (34), 0.1 V.</summary>
    public static ControlTableItem MinVoltageLimit { get; } = Eeprom("Min Voltage Limit", 34, 2) with { Unit = "0.1 V" };

    /// <summary>PWM Limit (36), 0.113 %, 0 to 885.</summary>
    public static ControlTableItem PwmLimit { get; } = Eeprom("PWM Limit", 36, 2) with { Minimum = 0, Maximum = 885, InitialValue = 885, Unit = "0.113 %" };

    /// <summary>Current Limit (38); unit and range per model (absent on XL430-W250 and XC430-W150).</summary>
    public static ControlTableItem CurrentLimit { get; } = Eeprom("Current Limit", 38, 2) with { Minimum = 0 };

    /// <summary>Velocity Limit (44), 0.229 rev/min; range per model.</summary>
    public static ControlTableItem VelocityLimit { get; } = Eeprom("Velocity Limit", 44, 4) with { Minimum = 0, Unit = Rpm };

    /// <summary>Max Position Limit (48), pulses, 0 to 4095 (position mode only).</summary>
    public static ControlTableItem MaxPositionLimit { get; } = Eeprom("Max Position Limit", 48, 4) with { Minimum = 0, Maximum = 4095, InitialValue = 4095, Unit = Pulse };

    /// <summary>Min Position Limit (52), pulses, 0 to 4095 (position mode only).</summary>
    public static ControlTableItem MinPositionLimit { get; } = Eeprom("Min Position Limit", 52, 4) with { Minimum = 0, Maximum = 4095, Unit = Pulse };

    /// <summary>Shutdown (63): which hardware errors turn torque off.</summary>
    public static ControlTableItem Shutdown { get; } = Eeprom("Shutdown", 63, 1) with { InitialValue = 52 };

    /// <summary>Torque Enable (64), 0 or 1. While 1, EEPROM items are locked.</summary>
    public static ControlTableItem TorqueEnable { get; } = Ram("Torque Enable", 64, 1) with { Minimum = 0, Maximum = 1 };

    /// <summary>LED (65), 0 or 1.</summary>
    public static ControlTableItem Led { get; } = Ram("LED", 65, 1) with { Minimum = 0, Maximum = 1 };

    /// <summary>Status Return Level (68): 0 answers Ping only, 1 Ping and reads, 2 everything (factory).</summary>
    public static ControlTableItem StatusReturnLevel { get; } = Ram("Status Return Level", 68, 1) with { Minimum = 0, Maximum = 2, InitialValue = 2 };

    /// <summary>Registered Instruction (69, read only): 1 while a Reg Write waits for Action.</summary>
    public static ControlTableItem RegisteredInstruction { get; } = Ram("Registered Instruction", 69, 1, ItemAccess.ReadOnly);

    /// <summary>Hardware Error Status (70, read only): bit 0 input voltage, 2 overheating, 3 encoder, 4 electrical shock, 5 overload.</summary>
    public static ControlTableItem HardwareErrorStatus { get; } = Ram("Hardware Error Status", 70, 1, ItemAccess.ReadOnly);

    /// <summary>Velocity I Gain (76), 0 to 16383.</summary>
    public static ControlTableItem VelocityIGain { get; } = Gain("Velocity I Gain", 76);

    /// <summary>Velocity P Gain (78), 0 to 16383.</summary>
    public static ControlTableItem VelocityPGain { get; } = Gain("Velocity P Gain", 78);

    /// <summary>Position D Gain (80), 0 to 16383.</summary>
    public static ControlTableItem PositionDGain { get; } = Gain("Position D Gain", 80);

    /// <summary>Position I Gain (82), 0 to 16383.</summary>
    public static ControlTableItem PositionIGain { get; } = Gain("Position I Gain", 82);

    /// <summary>Position P Gain (84), 0 to 16383.</summary>
    public static ControlTableItem PositionPGain { get; } = Gain("Position P Gain", 84);

    /// <summary>Feedforward 2nd Gain (88), 0 to 16383.</summary>
    public static ControlTableItem Feedforward2ndGain { get; } = Gain("Feedforward 2nd Gain", 88);

    /// <summary>Feedforward 1st Gain (90), 0 to 16383.</summary>
    public static ControlTableItem Feedforward1stGain { get; } = Gain("Feedforward 1st Gain", 90);

    /// <summary>Bus Watchdog (98), 20 ms per count, 0 disables.</summary>
    public static ControlTableItem BusWatchdog { get; } = Ram("Bus Watchdog", 98, 1, signed: true) with { Minimum = -1, Maximum = 127, Unit = "20 ms" };

    /// <summary>Goal PWM (100), 0.113 %, within ±PWM Limit.</summary>
    public static ControlTableItem GoalPwm { get; } = Ram("Goal PWM", 100, 2, signed: true) with { Unit = "0.113 %" };

    /// <summary>Goal Current (102), within ±Current Limit; unit per model (absent on XL430-W250 and XC430-W150).</summary>
    public static ControlTableItem GoalCurrent { get; } = Ram("Goal Current", 102, 2, signed: true);

    /// <summary>Goal Velocity (104), 0.229 rev/min, within ±Velocity Limit.</summary>
    public static ControlTableItem GoalVelocity { get; } = Ram("Goal Velocity", 104, 4, signed: true) with { Unit = Rpm };

    /// <summary>Profile Acceleration (108), 214.577 rev/min² (or ms with a time-based profile), 0 to 32767.</summary>
    public static ControlTableItem ProfileAcceleration { get; } = Ram("Profile Acceleration", 108, 4) with { Minimum = 0, Maximum = 32767, Unit = "214.577 rev/min² or 1 ms" };

    /// <summary>Profile Velocity (112), 0.229 rev/min (or ms with a time-based profile), 0 to 32767; 0 means unlimited.</summary>
    public static ControlTableItem ProfileVelocity { get; } = Ram("Profile Velocity", 112, 4) with { Minimum = 0, Maximum = 32767, Unit = "0.229 rev/min or 1 ms" };

    /// <summary>Goal Position (116), pulses; within Min/Max Position Limit in position mode, ±1,048,575 in extended modes.</summary>
    public static ControlTableItem GoalPosition { get; } = Ram("Goal Position", 116, 4, signed: true) with { Minimum = -1_048_575, Maximum = 1_048_575, Unit = Pulse };

    /// <summary>Realtime Tick (120, read only), ms, wraps at 32767.</summary>
    public static ControlTableItem RealtimeTick { get; } = Ram("Realtime Tick", 120, 2, ItemAccess.ReadOnly) with { Unit = "1 ms" };

    /// <summary>Moving (122, read only): 1 while the speed exceeds Moving Threshold.</summary>
    public static ControlTableItem Moving { get; } = Ram("Moving", 122, 1, ItemAccess.ReadOnly);

    /// <summary>Moving Status (123, read only).</summary>
    public static ControlTableItem MovingStatus { get; } = Ram("Moving Status", 123, 1, ItemAccess.ReadOnly);

    /// <summary>Present PWM (124, read only), 0.113 %.</summary>
    public static ControlTableItem PresentPwm { get; } = Ram("Present PWM", 124, 2, ItemAccess.ReadOnly, signed: true) with { Unit = "0.113 %" };

    /// <summary>Present Current (126, read only); unit per model. XL430-W250 and XC430-W150 have <see cref="PresentLoad"/> here instead.</summary>
    public static ControlTableItem PresentCurrent { get; } = Ram("Present Current", 126, 2, ItemAccess.ReadOnly, signed: true);

    /// <summary>Present Load (126, read only) of XL430-W250 and XC430-W150: 0.1 % of the maximum torque, ±1000.</summary>
    public static ControlTableItem PresentLoad { get; } = Ram("Present Load", 126, 2, ItemAccess.ReadOnly, signed: true) with { Unit = "0.1 %" };

    /// <summary>Present Velocity (128, read only), 0.229 rev/min.</summary>
    public static ControlTableItem PresentVelocity { get; } = Ram("Present Velocity", 128, 4, ItemAccess.ReadOnly, signed: true) with { Unit = Rpm };

    /// <summary>Present Position (132, read only), pulses.</summary>
    public static ControlTableItem PresentPosition { get; } = Ram("Present Position", 132, 4, ItemAccess.ReadOnly, signed: true) with { Unit = Pulse };

    /// <summary>Velocity Trajectory (136, read only), 0.229 rev/min.</summary>
    public static ControlTableItem VelocityTrajectory { get; } = Ram("Velocity Trajectory", 136, 4, ItemAccess.ReadOnly, signed: true) with { Unit = Rpm };

    /// <summary>Position Trajectory (140, read only), pulses.</summary>
    public static ControlTableItem PositionTrajectory { get; } = Ram("Position Trajectory", 140, 4, ItemAccess.ReadOnly, signed: true) with { Unit = Pulse };

    /// <summary>Present Input Voltage (144, read only), 0.1 V.</summary>
    public static ControlTableItem PresentInputVoltage { get; } = Ram("Present Input Voltage", 144, 2, ItemAccess.ReadOnly) with { Unit = "0.1 V" };

    /// <summary>Present Temperature (146, read only), °C.</summary>
    public static ControlTableItem PresentTemperature { get; } = Ram("Present Temperature", 146, 1, ItemAccess.ReadOnly) with { Unit = "1 °C" };

    /// <summary>Every shared item, by address (both <see cref="PresentCurrent"/> and <see cref="PresentLoad"/> at 126).</summary>
    public static IReadOnlyList<ControlTableItem> All { get; } =
    [
        ModelNumber, ModelInformation, FirmwareVersion, Id, BaudRate, ReturnDelayTime, DriveMode, OperatingMode,
        SecondaryId, ProtocolType, HomingOffset, MovingThreshold, TemperatureLimit, MaxVoltageLimit, MinVoltageLimit,
        PwmLimit, CurrentLimit, VelocityLimit, MaxPositionLimit, MinPositionLimit, Shutdown,
        TorqueEnable, Led, StatusReturnLevel, RegisteredInstruction, HardwareErrorStatus,
        VelocityIGain, VelocityPGain, PositionDGain, PositionIGain, PositionPGain, Feedforward2ndGain, Feedforward1stGain,
        BusWatchdog, GoalPwm, GoalCurrent, GoalVelocity, ProfileAcceleration, ProfileVelocity, GoalPosition,
        RealtimeTick, Moving, MovingStatus, PresentPwm, PresentCurrent, PresentLoad, PresentVelocity, PresentPosition,
        VelocityTrajectory, PositionTrajectory, PresentInputVoltage, PresentTemperature,
    ];

    /// <summary>Names the range <c>[address, address + length)</c> for messages: the item it matches, or the raw address.</summary>
    /// <param name="address">Start address.</param>
    /// <param name="length">Length in bytes.</param>
    /// <returns>For example <c>Present Position</c> or <c>address 130 (6 bytes)</c>.</returns>
    public static string Describe(int address, int length)
    {
        foreach (ControlTableItem item in All)
        {
            if (item.Address == address && item.Size == length)
            {
                return item.Name;
            }
        }

        return $"address {address} ({length} byte{(length == 1 ? string.Empty : "s")})";
    }

    private static ControlTableItem Eeprom(string name, ushort address, int size, ItemAccess access = ItemAccess.ReadWrite, bool signed = false) =>
        new(name, address, size, access, MemoryArea.Eeprom, signed);

    private static ControlTableItem Ram(string name, ushort address, int size, ItemAccess access = ItemAccess.ReadWrite, bool signed = false) =>
        new(name, address, size, access, MemoryArea.Ram, signed);

    private static ControlTableItem Gain(string name, ushort address) => Ram(name, address, 2) with { Minimum = 0, Maximum = 16383 };
}
