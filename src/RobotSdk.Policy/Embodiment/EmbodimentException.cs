namespace RobotSdk.Policy.Embodiment;

/// <summary>
/// A policy manifest cannot drive a robot: a name it uses is not on the robot, or it needs
/// kinematics the robot lacks. <see cref="Exception.Message"/> lists every problem with its
/// manifest path and the names the robot offers; <see cref="Problems"/> holds them one by one.
/// </summary>
public sealed class EmbodimentException : Exception
{
    /// <summary>Creates the exception for <paramref name="robotName"/> with every problem found.</summary>
    public EmbodimentException(string robotName, IReadOnlyList<string> problems, string availableNames)
        : base(Format(robotName, problems, availableNames))
    {
        RobotName = robotName;
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public EmbodimentException(string message)
        : base(message)
    {
        RobotName = string.Empty;
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and the error behind it.</summary>
    public EmbodimentException(string message, Exception innerException)
        : base(message, innerException)
    {
        RobotName = string.Empty;
        Problems = [message];
    }

    /// <summary>Creates the exception without details.</summary>
    public EmbodimentException()
        : this("The policy manifest cannot drive the robot.")
    {
    }

    /// <summary>The robot the manifest was mapped onto.</summary>
    public string RobotName { get; }

    /// <summary>Each problem as "JSON path: what is wrong".</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string robotName, IReadOnlyList<string> problems, string availableNames)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        return $"The policy manifest cannot drive robot '{robotName}': {count}:{Environment.NewLine}  "
            + string.Join($"{Environment.NewLine}  ", problems)
            + $"{Environment.NewLine}{availableNames}";
    }
}
