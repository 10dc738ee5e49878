namespace RobotSdk.Cli.Policy;

/// <summary>The learned touch-cube policy shipped with the CLI (models/touch-cube, copied next to robot.dll).</summary>
internal static class BundledPolicy
{
    /// <summary>Full path of the bundled policy's manifest.</summary>
    public static string ManifestPath => Path.Combine(AppContext.BaseDirectory, "models", "touch-cube", "touch-cube.policy.json");
}
