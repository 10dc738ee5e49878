using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RobotSdk.Configuration;

namespace RobotSdk.Tests.Configuration;

/// <summary>A JSON profile file in its own temporary folder, deleted on dispose.</summary>
internal sealed class ProfileFile : IDisposable
{
    private readonly string _directory;

    public ProfileFile(string json, string fileName = "robots.json")
    {
        _directory = Path.Combine(Path.GetTempPath(), "robotsdk-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        FileName = fileName;
        FilePath = Path.Combine(_directory, fileName);
        File.WriteAllText(FilePath, json);
    }

    public string FileName { get; }

    public string FilePath { get; }

    public IConfigurationRoot Load() => new ConfigurationBuilder().AddJsonFile(FilePath).Build();

    /// <summary>A container with RobotSdk and every robot of the file.</summary>
    public ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection();
        services.AddRobotSdk(Load());
        return services.BuildServiceProvider();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
