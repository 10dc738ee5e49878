namespace RobotSdk.Transports.Cameras;

/// <summary>What an <see cref="FfmpegCamera"/> reads and how; call <see cref="Validate"/> (the camera does) before use.</summary>
public sealed class FfmpegCameraOptions
{
    /// <summary>Largest accepted width or height in pixels.</summary>
    public const int MaxDimension = 8192;

    /// <summary>Camera name, for example <c>scene</c> or <c>wrist</c> (default <c>camera</c>).</summary>
    public string Name { get; set; } = "camera";

    /// <summary>Kind of <see cref="Source"/> (default <see cref="FfmpegSourceKind.Device"/>).</summary>
    public FfmpegSourceKind SourceKind { get; set; } = FfmpegSourceKind.Device;

    /// <summary>Device path, file path, stream URL or lavfi graph, according to <see cref="SourceKind"/> (default <c>/dev/video0</c>).</summary>
    public string Source { get; set; } = "/dev/video0";

    /// <summary>The ffmpeg executable: a path, or a name looked up on PATH (default <c>ffmpeg</c>).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Frame width in pixels; ffmpeg scales the source to it, stretching if the aspect ratio differs (default 640). Devices are asked for this size.</summary>
    public int Width { get; set; } = 640;

    /// <summary>Frame height in pixels; ffmpeg scales the source to it, stretching if the aspect ratio differs (default 480). Devices are asked for this size.</summary>
    public int Height { get; set; } = 480;

    /// <summary>Layout of the frames handed out (default <see cref="RobotSdk.PixelFormat.Rgb24"/>).</summary>
    public PixelFormat PixelFormat { get; set; } = PixelFormat.Rgb24;

    /// <summary>Devices only: the format asked of the camera, for example <c>mjpeg</c> or <c>yuyv422</c>; null lets ffmpeg choose.</summary>
    public string? DeviceInputFormat { get; set; }

    /// <summary>Devices only: the frame rate asked of the camera in frames per second; null lets the camera choose.</summary>
    public double? DeviceFrameRate { get; set; }

    /// <summary>Files only: start again at the end instead of ending the stream (default false).</summary>
    public bool LoopFile { get; set; }

    /// <summary>Files and test patterns only: deliver frames at the source's frame rate (<c>-re</c>) like a live camera, rather than as fast as they decode (default true).</summary>
    public bool PaceAtNativeRate { get; set; } = true;

    /// <summary>
    /// More ffmpeg options placed before <c>-i</c>, for example <c>-rtsp_transport tcp</c> or
    /// <c>-fflags nobuffer</c> for low-latency streams. Each option and value is its own item.
    /// </summary>
    public IList<string> ExtraInputArguments { get; } = [];

    /// <summary>How long <see cref="FfmpegCamera.StartAsync"/> waits for the first frame, in milliseconds (default 10000: network streams take seconds to probe).</summary>
    public int StartupTimeoutMs { get; set; } = 10_000;

    /// <summary>How long disposal waits for ffmpeg to quit after being asked, before killing it, in milliseconds (default 2000).</summary>
    public int StopGracePeriodMs { get; set; } = 2000;

    /// <summary>
    /// Preallocated frame buffers, 3 to 64 (default 4). A handed-out frame's pixels are not
    /// overwritten until <c>FrameBufferCount - 1</c> newer frames have arrived; raise it for
    /// readers that hold frames longer.
    /// </summary>
    public int FrameBufferCount { get; set; } = 4;

    /// <summary>Intrinsics from a calibration, reported by <see cref="FfmpegCamera.Intrinsics"/>; must match Width and Height.</summary>
    public CameraIntrinsics? Intrinsics { get; set; }

    /// <summary>Bytes in one frame at <see cref="Width"/>, <see cref="Height"/> and <see cref="PixelFormat"/>.</summary>
    public int FrameSizeBytes => Width * Height * BytesPerPixel(PixelFormat);

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> for a missing or out-of-range value.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentException.ThrowIfNullOrWhiteSpace(Source, nameof(Source));
        ArgumentException.ThrowIfNullOrWhiteSpace(FfmpegPath, nameof(FfmpegPath));
        if (!Enum.IsDefined(SourceKind))
        {
            throw new ArgumentOutOfRangeException(nameof(SourceKind), SourceKind, "Unknown source kind.");
        }

        if (!Enum.IsDefined(PixelFormat))
        {
            throw new ArgumentOutOfRangeException(nameof(PixelFormat), PixelFormat, "Unknown pixel format.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Width, MaxDimension, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Height, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Height, MaxDimension, nameof(Height));
        if (DeviceFrameRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException(nameof(DeviceFrameRate), rate, "The frame rate must be positive and finite.");
        }

        if (DeviceInputFormat is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(DeviceInputFormat, nameof(DeviceInputFormat));
        }

        foreach (string argument in ExtraInputArguments)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(ExtraInputArguments));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(StartupTimeoutMs, nameof(StartupTimeoutMs));
        ArgumentOutOfRangeException.ThrowIfNegative(StopGracePeriodMs, nameof(StopGracePeriodMs));
        ArgumentOutOfRangeException.ThrowIfLessThan(FrameBufferCount, 3, nameof(FrameBufferCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FrameBufferCount, 64, nameof(FrameBufferCount));
        if (Intrinsics is { } intrinsics && (intrinsics.Width != Width || intrinsics.Height != Height))
        {
            throw new ArgumentException($"The intrinsics are for {intrinsics.Width}x{intrinsics.Height} but the camera delivers {Width}x{Height}.", nameof(Intrinsics));
        }
    }

    internal static int BytesPerPixel(PixelFormat format) => format == PixelFormat.Gray8 ? 1 : 3;
}
