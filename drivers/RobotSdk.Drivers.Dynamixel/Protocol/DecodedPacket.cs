namespace RobotSdk.Drivers.Dynamixel;

/// <summary>What <see cref="PacketDecoder.Decode"/> found in a packet of either direction.</summary>
/// <param name="Id">The ID byte.</param>
/// <param name="InstructionCode">The INST byte (<see cref="Instruction.Status"/> for replies).</param>
/// <param name="ParameterLength">Number of bytes after INST (unstuffed, CRC excluded) written to the caller's buffer.</param>
public readonly record struct DecodedPacket(byte Id, byte InstructionCode, int ParameterLength)
{
    /// <summary>The INST byte as an <see cref="Dynamixel.Instruction"/>.</summary>
    public Instruction Instruction => (Instruction)InstructionCode;
}
