namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>Outcome of decoding the start of a byte stream with <see cref="XArmPacket"/>.</summary>
public enum XArmDecodeResult
{
    /// <summary>A whole frame is there.</summary>
    Complete,

    /// <summary>The frame has not fully arrived yet; read more.</summary>
    Incomplete,

    /// <summary>The protocol identifier is not 0x0002: the stream is out of step (or speaks standard Modbus TCP).</summary>
    BadProtocol,

    /// <summary>LEN is too short to hold the function (and state) bytes, or longer than any frame.</summary>
    BadLength,
}
