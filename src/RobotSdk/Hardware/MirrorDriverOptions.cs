namespace RobotSdk.Hardware;

/// <summary>Settings of the <see cref="MirrorDriver"/>.</summary>
public sealed class MirrorDriverOptions
{
    /// <summary>How long a command takes to become the measured state, milliseconds (0 = immediately). Default 20.</summary>
    public double LagMs { get; set; } = 20;

    /// <summary>Joint positions before the first command, in joint order; zeros (clamped to the limits) when empty.</summary>
    public double[] InitialPositions { get; set; } = [];
}
