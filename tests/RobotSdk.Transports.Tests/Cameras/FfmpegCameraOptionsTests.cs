using RobotSdk.Transports.Cameras;

namespace RobotSdk.Transports.Tests.Cameras;

public sealed class FfmpegCameraOptionsTests
{
    [Theory]
    [InlineData(nameof(FfmpegCameraOptions.Width), 0)]
    [InlineData(nameof(FfmpegCameraOptions.Height), -1)]
    [InlineData(nameof(FfmpegCameraOptions.Width), 8193)]
    [InlineData(nameof(FfmpegCameraOptions.StartupTimeoutMs), 0)]
    [InlineData(nameof(FfmpegCameraOptions.StopGracePeriodMs), -1)]
    [InlineData(nameof(FfmpegCameraOptions.FrameBufferCount), 2)]
    [InlineData(nameof(FfmpegCameraOptions.FrameBufferCount), 65)]
    public void Validate_RejectsOutOfRangeValues(string property, int value)
    {
        var options = new FfmpegCameraOptions();
        typeof(FfmpegCameraOptions).GetProperty(property)!.SetValue(options, value);

        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(property, exception.ParamName);
    }

    [Fact]
    public void Validate_RejectsIntrinsicsOfAnotherSize()
    {
        var options = new FfmpegCameraOptions { Width = 640, Height = 480, Intrinsics = new CameraIntrinsics(1280, 720, 900, 900, 640, 360) };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Validate_RejectsAnEmptySource()
    {
        Assert.Throws<ArgumentException>(new FfmpegCameraOptions { Source = " " }.Validate);
    }

    [Fact]
    public void DeviceArguments_AskTheCameraForFormatRateAndSize()
    {
        var options = new FfmpegCameraOptions { Source = "/dev/video2", DeviceInputFormat = "mjpeg", DeviceFrameRate = 30, Width = 1280, Height = 720 };

        string line = string.Join(' ', new FfmpegCamera(options).Arguments);

        Assert.Contains("-f v4l2 -input_format mjpeg -framerate 30 -video_size 1280x720 -i /dev/video2", line, StringComparison.Ordinal);
        Assert.EndsWith("-pix_fmt rgb24 -f rawvideo pipe:1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FileArguments_PaceAndLoopBeforeTheInput()
    {
        var options = new FfmpegCameraOptions { SourceKind = FfmpegSourceKind.File, Source = "clip.mp4", LoopFile = true };

        string line = string.Join(' ', new FfmpegCamera(options).Arguments);

        Assert.Contains("-re -stream_loop -1 -i clip.mp4", line, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamSource_HidesThePasswordInMessages()
    {
        var options = new FfmpegCameraOptions { SourceKind = FfmpegSourceKind.Stream, Source = "rtsp://admin:secret@192.168.1.64:554/stream1" };
        options.ExtraInputArguments.Add("-rtsp_transport");
        options.ExtraInputArguments.Add("tcp");

        var camera = new FfmpegCamera(options);

        Assert.DoesNotContain("secret", camera.Source, StringComparison.Ordinal);
        Assert.Contains("admin", camera.Source, StringComparison.Ordinal);
        Assert.Contains("-rtsp_transport tcp -i rtsp://admin:secret@192.168.1.64:554/stream1", string.Join(' ', camera.Arguments), StringComparison.Ordinal);
    }
}
