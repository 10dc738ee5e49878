namespace RobotSdk.Policy.Remote;

/// <summary>
/// Base of the remote policy client's failures. A runner catches this type to decide what the arm
/// does while the link is degraded (hold safe, or fall back to a configured local policy).
/// </summary>
public class RemotePolicyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemotePolicyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
