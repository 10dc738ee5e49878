namespace RobotSdk.Drivers.Dynamixel;

/// <summary>The low seven bits of a status packet's error byte.</summary>
public enum StatusErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The servo failed to process the instruction.</summary>
    ResultFail = 1,

    /// <summary>Undefined instruction, or Action without a registered write.</summary>
    InstructionError = 2,

    /// <summary>The instruction packet failed the servo's CRC check.</summary>
    CrcError = 3,

    /// <summary>The value is outside the item's fixed range.</summary>
    DataRangeError = 4,

    /// <summary>Fewer bytes than the item's size, or a malformed parameter list.</summary>
    DataLengthError = 5,

    /// <summary>The value exceeds a limit set in another item (for example Goal Current above Current Limit).</summary>
    DataLimitError = 6,

    /// <summary>Write to a read-only or undefined address, or to EEPROM while torque is on.</summary>
    AccessError = 7,

    /// <summary>A code this driver does not know.</summary>
    Unknown = 127,
}
