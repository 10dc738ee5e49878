namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// The Feetech STS3215 (SO-100 / SO-101 arms), model number 777: its control table as data.
/// </summary>
/// <remarks>
/// Sources: Feetech's SMS/STS memory table (doc.feetech.cn, <c>FT-SMS-STS-emanual</c>, linked from
/// LeRobot's <c>src/lerobot/motors/feetech/tables.py</c>, whose <c>STS_SMS_SERIES_CONTROL_TABLE</c>,
/// encodings table and <c>MODEL_NUMBER_TABLE</c> give the same addresses, sizes, sign bits and
/// 777), and the project's REFERENCE.md section 2. Addresses below 40 are EEPROM, 40 and up RAM.
/// Units and value conversions are in <see cref="StsUnits"/>. Note the homing offset convention:
/// Present Position = Actual Position - Homing Offset (the opposite of Dynamixel's).
/// </remarks>
public static class Sts3215
{
    private const ControlTableAccess R = ControlTableAccess.ReadOnly;
    private const ControlTableAccess RW = ControlTableAccess.ReadWrite;
    private const MemoryArea E = MemoryArea.Eeprom;
    private const MemoryArea M = MemoryArea.Ram;

    /// <summary>First address of the RAM area; addresses below it are EEPROM.</summary>
    public const int FirstRamAddress = 40;

    /// <summary>The STS3215's model number (address 3).</summary>
    public const int ModelNumberValue = 777;

    /// <summary>Firmware major version (0, read-only).</summary>
    public static readonly ControlTableItem FirmwareMajorVersion = new("Firmware_Major_Version", 0, 1, R, E);

    /// <summary>Firmware minor version (1, read-only).</summary>
    public static readonly ControlTableItem FirmwareMinorVersion = new("Firmware_Minor_Version", 1, 1, R, E);

    /// <summary>Model number (3, 2 bytes, read-only): 777 for the STS3215.</summary>
    public static readonly ControlTableItem ModelNumber = new("Model_Number", 3, 2, R, E);

    /// <summary>Servo ID (5): 0 to 253, factory default 1.</summary>
    public static readonly ControlTableItem Id = new("ID", 5, 1, RW, E);

    /// <summary>Baud rate code (6): 0 = 1 Mbps (factory default) ... see <see cref="StsUnits.BaudRateFromCode"/>.</summary>
    public static readonly ControlTableItem BaudRate = new("Baud_Rate", 6, 1, RW, E);

    /// <summary>Return delay time (7), units of 2 us; factory default 250 (500 us), LeRobot sets 0.</summary>
    public static readonly ControlTableItem ReturnDelayTime = new("Return_Delay_Time", 7, 1, RW, E);

    /// <summary>Response status level (8): 1 answers every instruction, 0 only Read and Ping.</summary>
    public static readonly ControlTableItem ResponseStatusLevel = new("Response_Status_Level", 8, 1, RW, E);

    /// <summary>Minimum angle limit (9, 2 bytes), counts; goals below it are clamped in position mode.</summary>
    public static readonly ControlTableItem MinAngleLimit = new("Min_Position_Limit", 9, 2, RW, E);

    /// <summary>Maximum angle limit (11, 2 bytes), counts, factory default 4095.</summary>
    public static readonly ControlTableItem MaxAngleLimit = new("Max_Position_Limit", 11, 2, RW, E);

    /// <summary>Position loop P gain (21), factory default 32.</summary>
    public static readonly ControlTableItem PositionPGain = new("P_Coefficient", 21, 1, RW, E);

    /// <summary>Position loop D gain (22), factory default 32.</summary>
    public static readonly ControlTableItem PositionDGain = new("D_Coefficient", 22, 1, RW, E);

    /// <summary>Position loop I gain (23), factory default 0.</summary>
    public static readonly ControlTableItem PositionIGain = new("I_Coefficient", 23, 1, RW, E);

    /// <summary>Homing offset (31, 2 bytes), counts, sign-magnitude with sign bit 11 (-2047..2047). Present = Actual - Offset.</summary>
    public static readonly ControlTableItem HomingOffset = new("Homing_Offset", 31, 2, RW, E, SignBit: 11);

    /// <summary>Operating mode (33): 0 position, 1 speed, 2 PWM, 3 step.</summary>
    public static readonly ControlTableItem OperatingMode = new("Operating_Mode", 33, 1, RW, E);

    /// <summary>Torque enable (40): 0 off, 1 on (128 sets the present position as the centre, 2048).</summary>
    public static readonly ControlTableItem TorqueEnable = new("Torque_Enable", 40, 1, RW, M);

    /// <summary>Acceleration (41), units of 100 counts/s^2; 0 means the servo's maximum.</summary>
    public static readonly ControlTableItem Acceleration = new("Acceleration", 41, 1, RW, M);

    /// <summary>Goal position (42, 2 bytes), counts, sign-magnitude with sign bit 15.</summary>
    public static readonly ControlTableItem GoalPosition = new("Goal_Position", 42, 2, RW, M, SignBit: 15);

    /// <summary>Goal time (44, 2 bytes), ms (PWM duty in PWM mode).</summary>
    public static readonly ControlTableItem GoalTime = new("Goal_Time", 44, 2, RW, M);

    /// <summary>Goal speed (46, 2 bytes), counts/s, sign-magnitude with sign bit 15; 0 means maximum in position mode.</summary>
    public static readonly ControlTableItem GoalSpeed = new("Goal_Velocity", 46, 2, RW, M, SignBit: 15);

    /// <summary>Torque limit (48, 2 bytes), units of 0.1 % of maximum torque (0 to 1000).</summary>
    public static readonly ControlTableItem TorqueLimit = new("Torque_Limit", 48, 2, RW, M);

    /// <summary>
    /// Lock (55): 0 makes EEPROM writes persist across power cycles, 1 keeps them in effect until
    /// power-off only (LeRobot writes 0 with torque off and 1 with torque on).
    /// </summary>
    public static readonly ControlTableItem Lock = new("Lock", 55, 1, RW, M);

    /// <summary>Present position (56, 2 bytes, read-only), counts, sign-magnitude with sign bit 15.</summary>
    public static readonly ControlTableItem PresentPosition = new("Present_Position", 56, 2, R, M, SignBit: 15);

    /// <summary>Present speed (58, 2 bytes, read-only), counts/s, sign-magnitude with sign bit 15.</summary>
    public static readonly ControlTableItem PresentSpeed = new("Present_Velocity", 58, 2, R, M, SignBit: 15);

    /// <summary>Present load (60, 2 bytes, read-only), 0.1 % of maximum torque, sign-magnitude with sign bit 10.</summary>
    public static readonly ControlTableItem PresentLoad = new("Present_Load", 60, 2, R, M, SignBit: 10);

    /// <summary>Present voltage (62, read-only), units of 0.1 V.</summary>
    public static readonly ControlTableItem PresentVoltage = new("Present_Voltage", 62, 1, R, M);

    /// <summary>Present temperature (63, read-only), degrees Celsius.</summary>
    public static readonly ControlTableItem PresentTemperature = new("Present_Temperature", 63, 1, R, M);

    /// <summary>Status (65, read-only): the same bits as the status packet's error byte (<see cref="FeetechErrors"/>).</summary>
    public static readonly ControlTableItem Status = new("Status", 65, 1, R, M);

    /// <summary>Moving (66, read-only): 1 while the servo moves.</summary>
    public static readonly ControlTableItem Moving = new("Moving", 66, 1, R, M);

    /// <summary>
    /// Present current (69, 2 bytes, read-only), units of 6.5 mA. Decoded with sign bit 15 as
    /// community drivers do; real magnitudes (under about 500 units) never reach it, so both readings agree.
    /// </summary>
    public static readonly ControlTableItem PresentCurrent = new("Present_Current", 69, 2, R, M, SignBit: 15);

    /// <summary>The STS3215 as a <see cref="ServoModel"/>: 4096 counts per turn and the items above.</summary>
    public static ServoModel Model { get; } = new(
        "STS3215",
        ModelNumberValue,
        StsUnits.CountsPerTurn,
        [
            FirmwareMajorVersion, FirmwareMinorVersion, ModelNumber, Id, BaudRate, ReturnDelayTime, ResponseStatusLevel,
            MinAngleLimit, MaxAngleLimit, PositionPGain, PositionDGain, PositionIGain, HomingOffset, OperatingMode,
            TorqueEnable, Acceleration, GoalPosition, GoalTime, GoalSpeed, TorqueLimit, Lock,
            PresentPosition, PresentSpeed, PresentLoad, PresentVoltage, PresentTemperature, Status, Moving, PresentCurrent,
        ]);
}
