namespace RobotSdk.Drivers.Elephant;

/// <summary>
/// One decoded frame <c>FE FE LEN CMD data FA</c>, viewed in place in the decoder's buffer (no copy).
/// Valid only until the decoder is used again.
/// </summary>
public readonly ref struct MyCobotFrame
{
    /// <summary>Creates a view of a decoded frame.</summary>
    /// <param name="command">The CMD byte.</param>
    /// <param name="data">The data bytes between CMD and the footer.</param>
    public MyCobotFrame(byte command, ReadOnlySpan<byte> data)
    {
        CommandByte = command;
        Data = data;
    }

    /// <summary>The CMD byte as sent (it may name a command this driver does not know).</summary>
    public byte CommandByte { get; }

    /// <summary>The CMD byte as a command.</summary>
    public MyCobotCommand Command => (MyCobotCommand)CommandByte;

    /// <summary>The data bytes (LEN - 2 of them).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Length of the whole frame on the wire, header and footer included.</summary>
    public int Length => Data.Length + MyCobotProtocol.FrameOverhead;
}
