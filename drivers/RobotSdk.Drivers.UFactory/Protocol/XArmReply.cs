namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>A decoded reply frame, viewing the bytes it was decoded from.</summary>
/// <param name="TransactionId">The transaction ID of the request it answers.</param>
/// <param name="Function">The function code of that request.</param>
/// <param name="State">The controller's state bits.</param>
/// <param name="Data">The bytes after the state byte.</param>
/// <param name="FrameLength">Length of the whole frame, header included.</param>
public readonly ref struct XArmReply(ushort TransactionId, XArmFunction Function, XArmStateBits State, ReadOnlySpan<byte> Data, int FrameLength)
{
    /// <summary>The transaction ID of the request it answers.</summary>
    public ushort TransactionId { get; } = TransactionId;

    /// <summary>The function code of that request.</summary>
    public XArmFunction Function { get; } = Function;

    /// <summary>The controller's state bits.</summary>
    public XArmStateBits State { get; } = State;

    /// <summary>The bytes after the state byte.</summary>
    public ReadOnlySpan<byte> Data { get; } = Data;

    /// <summary>Length of the whole frame, header included.</summary>
    public int FrameLength { get; } = FrameLength;
}
