using System.Diagnostics;

namespace RobotSdk.Transports.Tests.Cameras;

/// <summary>Short test videos made with ffmpeg's lavfi generators in a temporary folder, once per test class.</summary>
public sealed class TestVideos : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("robotsdk-camera-").FullName;

    public TestVideos()
    {
        // Lossless raw RGB in NUT, so pixel values survive exactly: 0.5 s red, then 0.5 s blue, at 20 fps.
        RedThenBlue = Path.Combine(_folder, "red-then-blue.nut");
        Generate(
            "-f", "lavfi", "-i", "color=c=red:size=64x48:rate=20:duration=0.5",
            "-f", "lavfi", "-i", "color=c=blue:size=64x48:rate=20:duration=0.5",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0",
            "-c:v", "rawvideo", "-pix_fmt", "rgb24", RedThenBlue);

        // A camera-like stream: 640x480 at 30 fps for 6 s, compressed as a real file would be.
        TestPattern640x480 = Path.Combine(_folder, "testsrc2-640x480-30fps.mp4");
        Generate("-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30:duration=6", "-c:v", "mpeg4", "-q:v", "5", TestPattern640x480);
    }

    public string RedThenBlue { get; }

    public string TestPattern640x480 { get; }

    public string Folder => _folder;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void Generate(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["-hide_banner", "-loglevel", "error", "-y", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg could not make a test video: {errors}");
    }
}
