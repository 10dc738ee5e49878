namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// Instruction codes of the Feetech SCS/STS serial protocol (the INST byte of a packet), as
/// defined by Feetech's own SDK (<c>scservo_sdk/scservo_def.py</c> in
/// <see href="https://github.com/ftservo/FTServo_Python">ftservo/FTServo_Python</see>).
/// </summary>
public enum FeetechInstruction : byte
{
    /// <summary>Asks a servo to answer with an empty status packet (no parameters).</summary>
    Ping = 0x01,

    /// <summary>Reads <c>length</c> bytes from <c>address</c> (parameters: address, length).</summary>
    Read = 0x02,

    /// <summary>Writes bytes starting at <c>address</c> (parameters: address, data...).</summary>
    Write = 0x03,

    /// <summary>Stores a write to be applied on the next <see cref="Action"/> (parameters as <see cref="Write"/>).</summary>
    RegWrite = 0x04,

    /// <summary>Applies the writes stored by <see cref="RegWrite"/>, usually broadcast (no parameters).</summary>
    Action = 0x05,

    /// <summary>
    /// Resets the servo's state (no parameters). Feetech's SDK calls it <c>INST_RESET = 10</c>
    /// (<c>scservo_def.py</c>) and sends it from <c>reSet(id)</c> in
    /// <c>protocol_packet_handler.py</c>; its example <c>hls/reset.py</c> describes it as a state
    /// reset that clears the multi-turn count. It is not a factory reset (some Feetech SDKs send
    /// that as <c>INST_RECOVERY = 0x06</c>, which this SDK deliberately does not offer).
    /// </summary>
    Reset = 0x0A,

    /// <summary>
    /// Reads the same range from several servos (parameters: address, length, IDs...); sent to the
    /// broadcast ID, each listed servo answers with its own status packet, in list order.
    /// </summary>
    SyncRead = 0x82,

    /// <summary>
    /// Writes the same range on several servos (parameters: address, length, then ID and data for
    /// each); sent to the broadcast ID, nobody answers.
    /// </summary>
    SyncWrite = 0x83,
}
