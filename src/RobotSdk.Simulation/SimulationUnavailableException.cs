namespace RobotSdk.Simulation;

/// <summary>
/// A native component of the simulator is missing on this machine: MuJoCo 2.2.2, RobotSdk's MuJoCo
/// shim, or OSMesa for offscreen rendering. The message says what to install.
/// </summary>
public sealed class SimulationUnavailableException : SimulationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    /// <param name="detail">The loader's or MuJoCo's own text.</param>
    /// <param name="innerException">The loader's exception, if any.</param>
    public SimulationUnavailableException(string message, string detail, Exception? innerException = null)
        : base(message, detail, null, innerException)
    {
    }
}
