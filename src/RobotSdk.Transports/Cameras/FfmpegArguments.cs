using System.Globalization;

namespace RobotSdk.Transports.Cameras;

/// <summary>Builds the ffmpeg command line of an <see cref="FfmpegCamera"/>: one source in, raw frames of a fixed size on stdout.</summary>
internal static class FfmpegArguments
{
    public static List<string> Build(FfmpegCameraOptions options)
    {
        // Quiet logging: stderr is only read for errors, and must not allocate in steady state.
        var arguments = new List<string> { "-hide_banner", "-nostats", "-loglevel", "error" };
        switch (options.SourceKind)
        {
            case FfmpegSourceKind.Device:
                arguments.AddRange(["-f", "v4l2"]);
                if (options.DeviceInputFormat is { } inputFormat)
                {
                    arguments.AddRange(["-input_format", inputFormat]);
                }

                if (options.DeviceFrameRate is { } rate)
                {
                    arguments.AddRange(["-framerate", rate.ToString("R", CultureInfo.InvariantCulture)]);
                }

                arguments.AddRange(["-video_size", string.Create(CultureInfo.InvariantCulture, $"{options.Width}x{options.Height}")]);
                break;
            case FfmpegSourceKind.File:
                if (options.PaceAtNativeRate)
                {
                    arguments.Add("-re");
                }

                if (options.LoopFile)
                {
                    arguments.AddRange(["-stream_loop", "-1"]);
                }

                break;
            case FfmpegSourceKind.TestPattern:
                if (options.PaceAtNativeRate)
                {
                    arguments.Add("-re");
                }

                arguments.AddRange(["-f", "lavfi"]);
                break;
            case FfmpegSourceKind.Stream:
            default:
                break;
        }

        arguments.AddRange(options.ExtraInputArguments);
        arguments.AddRange(["-i", options.Source]);

        // First video stream only, scaled to the configured size, as raw frames on stdout.
        string pixelFormat = options.PixelFormat == PixelFormat.Gray8 ? "gray" : "rgb24";
        arguments.AddRange(
        [
            "-map", "0:v:0", "-an", "-sn",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={options.Width}:{options.Height}"),
            "-pix_fmt", pixelFormat, "-f", "rawvideo", "pipe:1",
        ]);
        return arguments;
    }

    /// <summary>The source as named in messages and exceptions, with any password in a URL hidden.</summary>
    public static string DisplaySource(FfmpegCameraOptions options)
    {
        if (options.SourceKind == FfmpegSourceKind.Stream
            && Uri.TryCreate(options.Source, UriKind.Absolute, out Uri? uri)
            && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            string user = uri.UserInfo[..uri.UserInfo.IndexOf(':', StringComparison.Ordinal)];
            return new UriBuilder(uri) { UserName = user, Password = "***" }.Uri.ToString();
        }

        return options.Source;
    }
}
