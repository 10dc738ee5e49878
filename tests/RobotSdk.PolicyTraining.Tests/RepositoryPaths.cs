namespace RobotSdk.PolicyTraining.Tests;

/// <summary>Where the repository's committed files are, seen from a test's output directory.</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory holding RobotSdk.sln.</summary>
    public static string Root()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RobotSdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RobotSdk.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The committed touch-cube manifest.</summary>
    public static string CommittedManifest => Path.Combine(Root(), "models", "touch-cube", "touch-cube.policy.json");
}
