namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>A decoded request frame, viewing the bytes it was decoded from.</summary>
/// <param name="TransactionId">The client's transaction ID, echoed in the reply.</param>
/// <param name="Function">The function code.</param>
/// <param name="Payload">The bytes after the function code.</param>
/// <param name="FrameLength">Length of the whole frame, header included.</param>
public readonly ref struct XArmRequest(ushort TransactionId, XArmFunction Function, ReadOnlySpan<byte> Payload, int FrameLength)
{
    /// <summary>The client's transaction ID, echoed in the reply.</summary>
    public ushort TransactionId { get; } = TransactionId;

    /// <summary>The function code.</summary>
    public XArmFunction Function { get; } = Function;

    /// <summary>The bytes after the function code.</summary>
    public ReadOnlySpan<byte> Payload { get; } = Payload;

    /// <summary>Length of the whole frame, header included.</summary>
    public int FrameLength { get; } = FrameLength;
}
