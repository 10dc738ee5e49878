namespace RobotSdk.Drivers.Elephant;

/// <summary>What <see cref="MyCobotFrameDecoder.TryDecode"/> found.</summary>
public enum MyCobotDecodeResult
{
    /// <summary>The bytes so far hold no complete frame; append more.</summary>
    NeedMoreData,

    /// <summary>A complete frame with a valid LEN and footer.</summary>
    Frame,

    /// <summary>
    /// A header <c>FE FE</c> was followed by an impossible LEN or by no footer where LEN puts it; its
    /// first byte was dropped and decoding goes on from the next one.
    /// </summary>
    Rejected,
}
