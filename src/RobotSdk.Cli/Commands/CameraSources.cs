using RobotSdk.Transports.Cameras;

namespace RobotSdk.Cli.Commands;

/// <summary>How the CLI's camera arguments become ffmpeg camera settings.</summary>
internal static class CameraSources
{
    /// <summary>ffmpeg settings for <paramref name="source"/>: <c>/dev/videoN</c> (a device), <c>lavfi:GRAPH</c> (a test pattern), <c>scheme://...</c> (a stream) or a video file.</summary>
    /// <exception cref="FileNotFoundException">A device or file that does not exist.</exception>
    public static FfmpegCameraOptions Options(string source, string name, int width, int height, CameraIntrinsics? intrinsics = null)
    {
        var options = new FfmpegCameraOptions { Name = name, Width = width, Height = height, Intrinsics = intrinsics };
        if (source.StartsWith("lavfi:", StringComparison.Ordinal))
        {
            options.SourceKind = FfmpegSourceKind.TestPattern;
            options.Source = source["lavfi:".Length..];
        }
        else if (source.Contains("://", StringComparison.Ordinal))
        {
            options.SourceKind = FfmpegSourceKind.Stream;
            options.Source = source;
        }
        else
        {
            options.SourceKind = source.StartsWith("/dev/", StringComparison.Ordinal) ? FfmpegSourceKind.Device : FfmpegSourceKind.File;
            options.Source = File.Exists(source) ? source : throw new FileNotFoundException($"no camera at '{source}' (a /dev/videoN device, a video file, a stream URL or lavfi:GRAPH).", source);
        }

        return options;
    }
}
