namespace RobotSdk.Configuration;

/// <summary>A robot profile is malformed or contradicts itself; the message names the file and every field at fault.</summary>
public sealed class RobotConfigurationException : Exception
{
    /// <summary>Creates the exception from one or more problems, each naming its source and field.</summary>
    public RobotConfigurationException(IReadOnlyList<string> problems, Exception? innerException = null)
        : base(problems.Count == 1 ? problems[0] : "Invalid robot configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
