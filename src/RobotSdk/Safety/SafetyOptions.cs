namespace RobotSdk.Safety;

/// <summary>Settings of the safety layer every command passes through. Defaults are on and conservative.</summary>
public sealed class SafetyOptions
{
    /// <summary>Largest change of any joint's command in one cycle, radians (or metres). Default 0.05.</summary>
    public double MaxStepRadians { get; set; } = 0.05;

    /// <summary>Streamed targets older than this make the arm stop and hold, milliseconds. Default 250.</summary>
    public double WatchdogTimeoutMs { get; set; } = 250;

    /// <summary>Fraction (0..1] of each joint's hardware velocity limit that streamed commands may use. Default 1.</summary>
    public double VelocityScale { get; set; } = 1;

    /// <summary>What the e-stop does. Default: hold.</summary>
    public EmergencyStopAction EmergencyStopAction { get; set; } = EmergencyStopAction.Hold;

    /// <summary>Box the tool point must stay in, as <c>{ "Min": [x, y, z], "Max": [x, y, z] }</c> metres; null for none.</summary>
    public WorkspaceBoxOptions? Workspace { get; set; }

    /// <summary>Narrower limits per joint name.</summary>
    public Dictionary<string, JointLimitOverride> JointLimits { get; set; } = new(StringComparer.Ordinal);
}
