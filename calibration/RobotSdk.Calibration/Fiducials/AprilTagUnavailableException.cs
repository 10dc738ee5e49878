namespace RobotSdk.Calibration.Fiducials;

/// <summary>
/// The native AprilTag library (Debian's <c>libapriltag3</c>, <c>libapriltag.so.3</c>) could not be
/// loaded or lacks a function RobotSdk binds. The message says what to install.
/// </summary>
public sealed class AprilTagUnavailableException : Exception
{
    /// <summary>Creates the exception with the standard explanation.</summary>
    public AprilTagUnavailableException()
        : this("The AprilTag library is not available.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    public AprilTagUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    /// <param name="innerException">The loader's exception.</param>
    public AprilTagUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
