namespace RobotSdk.Drivers.Dynamixel;

/// <summary>Outcome of looking for a packet's extent at the start of received bytes.</summary>
public enum FrameResult
{
    /// <summary>More bytes are needed to hold the whole packet.</summary>
    Incomplete,

    /// <summary>A whole packet (by its LEN field) is present; its CRC is not checked yet.</summary>
    Complete,

    /// <summary>The LEN field is impossible; skip a byte and look for the next header.</summary>
    Invalid,
}
