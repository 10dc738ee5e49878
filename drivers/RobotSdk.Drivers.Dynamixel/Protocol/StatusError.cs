namespace RobotSdk.Drivers.Dynamixel;

/// <summary>
/// The error byte of a status packet: bit 7 is the hardware alert (the servo latched a fault;
/// read Hardware Error Status, address 70), the low seven bits an error code
/// (<see cref="StatusErrorKind"/>).
/// </summary>
/// <param name="Raw">The byte as sent.</param>
public readonly record struct StatusError(byte Raw)
{
    /// <summary>The hardware alert bit.</summary>
    public const byte HardwareAlertBit = 0x80;

    /// <summary>No error, no alert.</summary>
    public static StatusError None => default;

    /// <summary>The error code in the low seven bits.</summary>
    public StatusErrorKind Kind => (Raw & 0x7F) switch
    {
        0 => StatusErrorKind.None,
        >= 1 and <= 7 and var code => (StatusErrorKind)code,
        _ => StatusErrorKind.Unknown,
    };

    /// <summary>Whether bit 7 (hardware alert) is set.</summary>
    public bool HasHardwareAlert => (Raw & HardwareAlertBit) != 0;

    /// <summary>Whether the low seven bits report an error for this instruction.</summary>
    public bool HasError => (Raw & 0x7F) != 0;

    /// <summary>Whether neither an error nor an alert is reported.</summary>
    public bool IsOk => Raw == 0;

    /// <summary>Builds an error byte.</summary>
    /// <param name="kind">The error code.</param>
    /// <param name="hardwareAlert">Whether to set the alert bit.</param>
    /// <returns>The error byte.</returns>
    public static StatusError From(StatusErrorKind kind, bool hardwareAlert = false) =>
        new((byte)(((int)kind & 0x7F) | (hardwareAlert ? HardwareAlertBit : 0)));

    /// <summary>Describes the error in words (allocates; for exception messages).</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        string text = Kind switch
        {
            StatusErrorKind.None => "no error",
            StatusErrorKind.ResultFail => "result fail: the servo could not process the instruction",
            StatusErrorKind.InstructionError => "instruction error: undefined instruction, or Action without Reg Write",
            StatusErrorKind.CrcError => "CRC error: the servo received a corrupt packet",
            StatusErrorKind.DataRangeError => "data range error: the value is outside the item's range",
            StatusErrorKind.DataLengthError => "data length error: the data is shorter than the item",
            StatusErrorKind.DataLimitError => "data limit error: the value exceeds a limit item (Current Limit, Velocity Limit, ...)",
            StatusErrorKind.AccessError => "access error: read-only or undefined address, or EEPROM written with torque on",
            _ => $"unknown error code {Raw & 0x7F}",
        };
        return HasHardwareAlert
            ? (HasError ? $"{text}; " : string.Empty) + "hardware alert: read Hardware Error Status (address 70) and reboot the servo"
            : text;
    }
}
