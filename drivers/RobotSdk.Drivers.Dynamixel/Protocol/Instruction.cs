namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Dynamixel Protocol 2.0 instruction codes (the INST byte of a packet).</summary>
/// <remarks>Values from the ROBOTIS Protocol 2.0 e-Manual; see the driver README.</remarks>
#pragma warning disable CA1008 // There is no instruction 0; a zero member would be a lie on the wire.
#pragma warning disable CA1028 // The INST byte is one byte on the wire.
public enum Instruction : byte
#pragma warning restore CA1028
#pragma warning restore CA1008
{
    /// <summary>Asks a servo to answer with its model number and firmware version.</summary>
    Ping = 0x01,

    /// <summary>Reads bytes from the control table.</summary>
    Read = 0x02,

    /// <summary>Writes bytes to the control table.</summary>
    Write = 0x03,

    /// <summary>Registers a write that takes effect on <see cref="Action"/>.</summary>
    RegWrite = 0x04,

    /// <summary>Executes the writes registered with <see cref="RegWrite"/>.</summary>
    Action = 0x05,

    /// <summary>Restores the factory control table.</summary>
    FactoryReset = 0x06,

    /// <summary>Restarts the servo (clears a latched hardware error).</summary>
    Reboot = 0x08,

    /// <summary>Clears the multi-turn count or errors.</summary>
    Clear = 0x10,

    /// <summary>Marks a status (reply) packet; followed by the error byte.</summary>
    Status = 0x55,

    /// <summary>Reads the same range from several servos; each answers in list order.</summary>
    SyncRead = 0x82,

    /// <summary>Writes the same range of several servos in one broadcast packet.</summary>
    SyncWrite = 0x83,

    /// <summary>Like <see cref="SyncRead"/> but the servos answer together in one packet from the broadcast ID.</summary>
    FastSyncRead = 0x8A,

    /// <summary>Reads a different range from each listed servo.</summary>
    BulkRead = 0x92,

    /// <summary>Writes a different range of each listed servo.</summary>
    BulkWrite = 0x93,

    /// <summary>Like <see cref="BulkRead"/> but answered in one packet (not implemented by this driver).</summary>
    FastBulkRead = 0x9A,
}
