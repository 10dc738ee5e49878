using Microsoft.Extensions.Configuration;

namespace RobotSdk.Configuration;

/// <summary>Names the file a profile section came from, so errors point at it.</summary>
internal static class ProfileSources
{
    public static string Describe(string name, IConfigurationSection section, IConfigurationRoot? root)
    {
        string files = root is null ? string.Empty : string.Join(", ", FindFiles(root, section));
        return files.Length == 0
            ? $"robot '{name}' (section {section.Path})"
            : $"robot '{name}' in {files} (section {section.Path})";
    }

    /// <summary>Configuration providers that hold keys of the section, as their ToString names them (JSON providers name their file).</summary>
    private static IEnumerable<string> FindFiles(IConfigurationRoot root, IConfigurationSection section) =>
        root.Providers
            .Where(p => p.GetChildKeys([], section.Path).Any())
            .Select(p => p.ToString() ?? p.GetType().Name)
            .Distinct(StringComparer.Ordinal);
}
