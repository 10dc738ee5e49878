namespace RobotSdk.Drivers.UFactory;

/// <summary>Outcome of one request/reply exchange with the controller.</summary>
public enum XArmStatus
{
    /// <summary>The reply arrived; its state bits say what the controller thinks.</summary>
    Ok,

    /// <summary>No reply to this request in time.</summary>
    Timeout,

    /// <summary>A malformed reply (wrong protocol identifier, LEN, function or length), or only late replies to earlier requests.</summary>
    Corrupt,

    /// <summary>The connection is closed or was lost.</summary>
    Disconnected,
}
