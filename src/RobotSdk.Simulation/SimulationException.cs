namespace RobotSdk.Simulation;

/// <summary>MuJoCo rejected a model or failed while simulating or rendering it.</summary>
public class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, quoting MuJoCo.</param>
    /// <param name="mujocoMessage">MuJoCo's own text, unchanged (empty when MuJoCo gave none).</param>
    /// <param name="modelSource">The model file, or a description of where the model came from.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SimulationException(string message, string mujocoMessage, string? modelSource = null, Exception? innerException = null)
        : base(message, innerException)
    {
        MujocoMessage = mujocoMessage;
        ModelSource = modelSource;
    }

    /// <summary>MuJoCo's own error text, unchanged (for example "Error: XML parse error 3: ...").</summary>
    public string MujocoMessage { get; }

    /// <summary>The model file path, or "XML text" for a model loaded from a string; null when not about a model.</summary>
    public string? ModelSource { get; }
}
