namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>
/// The STATE byte of every reply (xArm-Python-SDK <c>UxbusCmdTcp.check_private_protocol</c>).
/// The bits describe the controller, not only the request: a reply to a read also says whether
/// an error is latched.
/// </summary>
[Flags]
public enum XArmStateBits : byte
{
    /// <summary>No bit set: the request was executed and the arm is ready.</summary>
    None = 0,

    /// <summary>0x08: the result is invalid or the request failed.</summary>
    Invalid = 0x08,

    /// <summary>0x10: the arm is not ready to move (motion disabled, stopped, or in error); a motion request was not executed.</summary>
    NotReady = 0x10,

    /// <summary>0x20: the controller has an uncleared warning (read it with <see cref="XArmFunction.GetErrorCodes"/>).</summary>
    Warning = 0x20,

    /// <summary>0x40: the controller has an uncleared error and has stopped the arm.</summary>
    Error = 0x40,
}
