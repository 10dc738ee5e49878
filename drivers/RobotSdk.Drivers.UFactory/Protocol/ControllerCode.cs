namespace RobotSdk.Drivers.UFactory.Protocol;

/// <summary>What a controller error or warning code means.</summary>
/// <param name="Code">The code as the controller reports it (0 = none).</param>
/// <param name="Title">UFactory's name for it.</param>
/// <param name="Remedy">What to do about it, in short; empty when UFactory gives nothing.</param>
/// <param name="NeedsRestart">Whether the remedy is restarting the arm or calling support (a hardware fault, not a planning or limit problem).</param>
public sealed record ControllerCode(int Code, string Title, string Remedy, bool NeedsRestart)
{
    /// <summary>"C23 Joints Angle Exceed Limit: go to the initial position...", for messages.</summary>
    public string Describe(char prefix) =>
        Remedy.Length == 0
            ? FormattableString.Invariant($"{prefix}{Code} {Title}")
            : FormattableString.Invariant($"{prefix}{Code} {Title}: {Remedy}");
}
