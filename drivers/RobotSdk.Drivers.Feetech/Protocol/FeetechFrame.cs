namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// One decoded packet, viewed in place in the receive buffer (no copy): an instruction packet
/// <c>FF FF ID LEN INST params CHK</c> or a status packet <c>FF FF ID LEN ERR data CHK</c>.
/// Valid only while that buffer is unchanged.
/// </summary>
public readonly ref struct FeetechFrame
{
    /// <summary>Creates a view of a decoded packet.</summary>
    /// <param name="id">The ID byte.</param>
    /// <param name="code">The instruction byte (instruction packets) or the error byte (status packets).</param>
    /// <param name="parameters">The parameter or data bytes.</param>
    /// <param name="length">Length of the whole packet in bytes, header and checksum included.</param>
    public FeetechFrame(byte id, byte code, ReadOnlySpan<byte> parameters, int length)
    {
        Id = id;
        Code = code;
        Parameters = parameters;
        Length = length;
    }

    /// <summary>The servo ID (or <see cref="FeetechPacket.BroadcastId"/>).</summary>
    public byte Id { get; }

    /// <summary>The byte after LEN: the instruction of a request, the error byte of a reply.</summary>
    public byte Code { get; }

    /// <summary>The parameters of a request, the data of a reply.</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>Length of the whole packet, header and checksum included.</summary>
    public int Length { get; }

    /// <summary>The instruction, for a request.</summary>
    public FeetechInstruction Instruction => (FeetechInstruction)Code;

    /// <summary>The servo's error bits, for a reply.</summary>
    public FeetechErrors Error => (FeetechErrors)Code;
}
