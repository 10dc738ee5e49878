namespace RobotSdk.Policy.Msgpack;

/// <summary>
/// Bytes that are not the msgpack the reader expected: truncated input, an unknown or unsupported
/// type byte, nesting deeper than the limit, or a numpy array map that breaks the convention.
/// The message names the byte offset and what was expected there.
/// </summary>
public sealed class MsgpackFormatException : FormatException
{
    /// <summary>Creates the exception for a problem found at <paramref name="offset"/>.</summary>
    /// <param name="offset">Byte offset into the decoded buffer where the problem starts.</param>
    /// <param name="problem">What was found and what was expected instead.</param>
    public MsgpackFormatException(long offset, string problem)
        : base($"msgpack: {problem} (at byte offset {offset}).")
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Byte offset into the decoded buffer where the problem starts.</summary>
    public long Offset { get; }

    /// <summary>What was found and what was expected, without the offset.</summary>
    public string Problem { get; }
}
