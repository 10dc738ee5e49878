namespace RobotSdk.Transports.Cameras;

/// <summary>What an <see cref="FfmpegCamera"/> reads, which decides the ffmpeg input options it passes.</summary>
public enum FfmpegSourceKind
{
    /// <summary>A V4L2 capture device such as <c>/dev/video0</c> (<c>-f v4l2</c>), asked for the output size.</summary>
    Device,

    /// <summary>A video file, optionally looped and paced at its native frame rate.</summary>
    File,

    /// <summary>A network stream URL (<c>rtsp://</c>, <c>http://</c>, <c>udp://</c>...), read live.</summary>
    Stream,

    /// <summary>An ffmpeg lavfi source graph such as <c>testsrc2=size=640x480:rate=30</c>: a camera without hardware.</summary>
    TestPattern,
}
