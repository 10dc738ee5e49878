namespace RobotSdk;

/// <summary>A motion ended early because the robot was stopped (e-stop, fault or deactivation).</summary>
public sealed class RobotHaltedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RobotHaltedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
