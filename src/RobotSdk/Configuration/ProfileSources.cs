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

    /// <summary>Full paths of the files (or names of other providers) that hold keys of the section.</summary>
    private static IEnumerable<string> FindFiles(IConfigurationRoot root, IConfigurationSection section) =>
        root.Providers
            .Where(p => p.GetChildKeys([], section.Path).Any())
            .Select(Name)
            .Distinct(StringComparer.Ordinal);

    private static string Name(IConfigurationProvider provider) => provider is FileConfigurationProvider file && file.Source.Path is { } path
        ? file.Source.FileProvider?.GetFileInfo(path).PhysicalPath ?? path
        : provider.ToString() ?? provider.GetType().Name;
}
