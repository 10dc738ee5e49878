namespace RobotSdk.Policy.Tests.Backends;

/// <summary>A temporary directory for generated model files, deleted on dispose.</summary>
internal sealed class BackendWorkspace : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("robotsdk-backend-").FullName;

    /// <summary>Writes <paramref name="model"/> as <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, byte[] model)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, model);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
