using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RobotSdk.Transports.Cameras;

namespace RobotSdk.Transports.Tests.Cameras;

public sealed class FfmpegCameraTests(TestVideos videos) : IClassFixture<TestVideos>
{
    [Fact]
    public async Task ReadNextFrame_DeliversFramesOfTheConfiguredSize_InOrder()
    {
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(TestPattern("testsrc2=size=320x240:rate=30", width: 160, height: 120));
        var frames = new List<CameraFrame>();
        long last = -1;
        for (int i = 0; i < 10; i++)
        {
            CameraFrame frame = await camera.ReadNextFrameAsync(last);
            frames.Add(frame);
            last = frame.SequenceNumber;
        }

        Assert.All(frames, frame =>
        {
            Assert.Equal(160, frame.Width);
            Assert.Equal(120, frame.Height);
            Assert.Equal(PixelFormat.Rgb24, frame.Format);
            Assert.Equal(160 * 120 * 3, frame.Pixels.Length);
        });
        for (int i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].SequenceNumber > frames[i - 1].SequenceNumber, "sequence numbers increase");
            Assert.True(frames[i].TimestampTicks >= frames[i - 1].TimestampTicks, "timestamps are monotonic");
        }

        Assert.True(frames[^1].TimestampTicks <= Stopwatch.GetTimestamp());
    }

    [Fact]
    public async Task Pixels_ShowWhatTheVideoHolds_RedThenBlue_ThenTheStreamEnds()
    {
        FfmpegCameraOptions options = File(videos.RedThenBlue, width: 64, height: 48);
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(options);
        var seen = new List<(long Sequence, string Color)>();
        long last = -1;
        DeviceDisconnectedException ended = await Assert.ThrowsAsync<DeviceDisconnectedException>(async () =>
        {
            while (true)
            {
                CameraFrame frame = await camera.ReadNextFrameAsync(last);
                seen.Add((frame.SequenceNumber, ColorOf(frame)));
                last = frame.SequenceNumber;
            }
        });

        // Frames 0-9 are red and 10-19 blue. A reader only sees the latest frame, and a busy machine may
        // skip some, so each frame's colour is checked against its own sequence number.
        Assert.NotEmpty(seen);
        Assert.All(seen, frame => Assert.Equal(frame.Sequence < 10 ? "red" : "blue", frame.Color));
        Assert.Equal(19, last);
        Assert.Contains("ended", ended.Message, StringComparison.Ordinal);
        Assert.Contains("20 frames", ended.Message, StringComparison.Ordinal);
        Assert.Throws<DeviceDisconnectedException>(() => camera.TryGetLatestFrame(out _));
    }

    [Fact]
    public async Task Gray8_DeliversOneBytePerPixel()
    {
        FfmpegCameraOptions options = File(videos.RedThenBlue, width: 32, height: 24);
        options.PixelFormat = PixelFormat.Gray8;
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(options);

        CameraFrame frame = await camera.ReadNextFrameAsync();

        Assert.Equal(PixelFormat.Gray8, frame.Format);
        Assert.Equal(32 * 24, frame.Pixels.Length);
    }

    [Fact]
    public async Task SlowReader_GetsTheLatestFrame_AndDroppedFramesCountsTheRest()
    {
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(TestPattern("color=c=green:size=64x48:rate=60", width: 64, height: 48));
        CameraFrame first = await camera.ReadNextFrameAsync();

        Poll.Until(() => camera.FramesReceived >= first.SequenceNumber + 20, "20 more frames");
        Assert.True(camera.TryGetLatestFrame(out CameraFrame? latest));

        Assert.True(latest.SequenceNumber >= first.SequenceNumber + 19, $"latest is {latest.SequenceNumber}, first was {first.SequenceNumber}");
        Assert.True(camera.DroppedFrames >= 15, $"dropped {camera.DroppedFrames}");
        Assert.True(camera.DroppedFrames < camera.FramesReceived);
    }

    [Fact]
    public async Task DroppedFrames_CountsEveryFrameNoReaderTook()
    {
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(File(videos.RedThenBlue, 64, 48));
        long taken = 0, last = -1;
        await Assert.ThrowsAsync<DeviceDisconnectedException>(async () =>
        {
            while (true)
            {
                last = (await camera.ReadNextFrameAsync(last)).SequenceNumber;
                taken++;
            }
        });

        // However busy the machine, each of the 20 frames was either handed out or dropped.
        Assert.Equal(20, camera.FramesReceived);
        Assert.Equal(20 - taken, camera.DroppedFrames);
    }

    [Fact]
    public async Task IsFrameIntact_TurnsFalse_OnceTheBufferHoldsANewerFrame()
    {
        FfmpegCameraOptions options = TestPattern("color=c=green:size=64x48:rate=60", width: 64, height: 48);
        options.FrameBufferCount = 3;
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(options);
        CameraFrame held = await camera.ReadNextFrameAsync();
        Assert.True(camera.IsFrameIntact(held) || camera.FramesReceived > held.SequenceNumber + 2);

        Poll.Until(() => camera.FramesReceived > held.SequenceNumber + 3, "three newer frames");
        CameraFrame fresh = await camera.ReadNextFrameAsync(held.SequenceNumber);

        Assert.False(camera.IsFrameIntact(held));
        Assert.True(camera.IsFrameIntact(fresh) || camera.FramesReceived > fresh.SequenceNumber + 2);
        Assert.False(camera.IsFrameIntact(fresh with { Pixels = fresh.Pixels.ToArray() }));
    }

    [Fact]
    public async Task Start_ThrowsDeviceUnavailable_QuotingFfmpeg_WhenTheFileIsMissing()
    {
        string missing = Path.Combine(videos.Folder, "no-such-video.mp4");
        await using var camera = new FfmpegCamera(File(missing, 64, 48));

        DeviceUnavailableException exception = await Assert.ThrowsAsync<DeviceUnavailableException>(() => camera.StartAsync());

        Assert.Equal(DeviceUnavailableReason.NotFound, exception.UnavailableReason);
        Assert.Equal(missing, exception.Bus);
        Assert.Contains("No such file or directory", exception.Message, StringComparison.Ordinal);
        Assert.Null(camera.ProcessId);
        Assert.Throws<DeviceUnavailableException>(() => camera.TryGetLatestFrame(out _));
    }

    [Fact]
    public async Task Start_ThrowsDeviceUnavailable_WhenTheV4l2DeviceIsMissing()
    {
        // These machines have no /dev/video*, so this exercises the device path up to ffmpeg's open.
        var options = new FfmpegCameraOptions { SourceKind = FfmpegSourceKind.Device, Source = "/dev/video-robotsdk-missing", Width = 640, Height = 480 };
        await using var camera = new FfmpegCamera(options);

        DeviceUnavailableException exception = await Assert.ThrowsAsync<DeviceUnavailableException>(() => camera.StartAsync());

        Assert.Equal(DeviceUnavailableReason.NotFound, exception.UnavailableReason);
        Assert.Contains("/dev/video-robotsdk-missing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ThrowsDeviceUnavailable_SayingToInstallFfmpeg_WhenTheBinaryIsMissing()
    {
        FfmpegCameraOptions options = File(videos.RedThenBlue, 64, 48);
        options.FfmpegPath = "/nonexistent/bin/ffmpeg";

        DeviceUnavailableException exception = await Assert.ThrowsAsync<DeviceUnavailableException>(() => FfmpegCamera.OpenAsync(options));

        Assert.Equal(DeviceUnavailableReason.NotFound, exception.UnavailableReason);
        Assert.Contains("/nonexistent/bin/ffmpeg", exception.Message, StringComparison.Ordinal);
        Assert.Contains("eng/bootstrap.sh", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ThrowsHardwareTimeout_WhenAStreamSendsNothing()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new FfmpegCameraOptions { SourceKind = FfmpegSourceKind.Stream, Source = $"tcp://127.0.0.1:{port}", Width = 64, Height = 48, StartupTimeoutMs = 1500, StopGracePeriodMs = 200 };
        await using var camera = new FfmpegCamera(options);
        Task<Socket> accepted = listener.AcceptSocketAsync();

        HardwareTimeoutException exception = await Assert.ThrowsAsync<HardwareTimeoutException>(() => camera.StartAsync());

        Assert.Contains("1500 ms", exception.Message, StringComparison.Ordinal);
        Assert.Null(camera.ProcessId);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Start_StopsFfmpeg_WhenCanceled()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new FfmpegCameraOptions { SourceKind = FfmpegSourceKind.Stream, Source = $"tcp://127.0.0.1:{port}", Width = 64, Height = 48, StopGracePeriodMs = 200 };
        await using var camera = new FfmpegCamera(options);
        using var cancellation = new CancellationTokenSource(300);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => camera.StartAsync(cancellation.Token));

        Assert.Null(camera.ProcessId);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await camera.ReadNextFrameAsync());
    }

    [Fact]
    public async Task WaitingReader_GetsDeviceDisconnected_WhenFfmpegDiesMidStream()
    {
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(TestPattern("color=c=green:size=64x48:rate=30", 64, 48));
        ValueTask<CameraFrame> waiting = camera.ReadNextFrameAsync(long.MaxValue - 1);

        using (var ffmpeg = Process.GetProcessById(camera.ProcessId!.Value))
        {
            ffmpeg.Kill();
        }

        DeviceDisconnectedException exception = await Assert.ThrowsAsync<DeviceDisconnectedException>(async () => await waiting);
        Assert.Contains("exit code 137", exception.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeviceDisconnectedException>(async () => await camera.ReadNextFrameAsync(long.MaxValue - 1));
    }

    [Fact]
    public async Task NetworkStream_DeliversFrames_ThenDisconnects_WhenThePeerCloses()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Task serve = Task.Run(async () =>
        {
            using Socket peer = await listener.AcceptSocketAsync();
            await peer.SendAsync(await System.IO.File.ReadAllBytesAsync(videos.RedThenBlue));
            peer.Shutdown(SocketShutdown.Both);
        });
        var options = new FfmpegCameraOptions { SourceKind = FfmpegSourceKind.Stream, Source = $"tcp://127.0.0.1:{port}", Width = 64, Height = 48 };
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(options);
        await serve;

        long last = -1;
        await Assert.ThrowsAsync<DeviceDisconnectedException>(async () =>
        {
            while (true)
            {
                last = (await camera.ReadNextFrameAsync(last)).SequenceNumber;
            }
        });

        Assert.Equal(19, last);
    }

    [Fact]
    public async Task Dispose_AsksFfmpegToQuit_AndFailsWaitingReaders()
    {
        FfmpegCameraOptions options = File(videos.RedThenBlue, 64, 48);
        options.LoopFile = true;
        options.StopGracePeriodMs = 60_000;
        var camera = await FfmpegCamera.OpenAsync(options);
        int processId = camera.ProcessId!.Value;
        Assert.True(IsRunning(processId));
        ValueTask<CameraFrame> waiting = camera.ReadNextFrameAsync(long.MaxValue - 1);

        var stopwatch = Stopwatch.StartNew();
        await camera.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "ffmpeg quit when asked, long before the 60 s grace period ended");
        Assert.False(IsRunning(processId), "ffmpeg is gone, reaped rather than left a zombie");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await waiting);
        Assert.Throws<ObjectDisposedException>(() => camera.TryGetLatestFrame(out _));
        Assert.Null(camera.ProcessId);
    }

    [Fact]
    public async Task Dispose_KillsFfmpeg_WhenTheGracePeriodIsZero()
    {
        FfmpegCameraOptions options = TestPattern("testsrc2=size=320x240:rate=30", 320, 240);
        options.StopGracePeriodMs = 0;
        var camera = await FfmpegCamera.OpenAsync(options);
        int processId = camera.ProcessId!.Value;

        await camera.DisposeAsync();
        await camera.DisposeAsync();

        Assert.False(IsRunning(processId));
    }

    [Fact]
    public async Task ReadNextFrame_HonoursCancellation()
    {
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(TestPattern("color=c=green:size=64x48:rate=30", 64, 48));
        using var cancellation = new CancellationTokenSource();

        ValueTask<CameraFrame> waiting = camera.ReadNextFrameAsync(long.MaxValue - 1, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
    }

    [Fact]
    public async Task ReadNextFrame_Throws_BeforeStart()
    {
        await using var camera = new FfmpegCamera(File(videos.RedThenBlue, 64, 48));

        Assert.False(camera.TryGetLatestFrame(out _));
        Assert.Throws<InvalidOperationException>(() => { _ = camera.ReadNextFrameAsync().AsTask(); });
    }

    private static FfmpegCameraOptions File(string path, int width, int height) =>
        new() { Name = "test", SourceKind = FfmpegSourceKind.File, Source = path, Width = width, Height = height };

    private static FfmpegCameraOptions TestPattern(string graph, int width, int height) =>
        new() { Name = "test", SourceKind = FfmpegSourceKind.TestPattern, Source = graph, Width = width, Height = height };

    private static string ColorOf(CameraFrame frame)
    {
        // Every pixel of a solid frame; raw RGB in the file keeps values exact, allow a little for scaling.
        ReadOnlySpan<byte> pixels = frame.Pixels.Span;
        byte red = pixels[0], green = pixels[1], blue = pixels[2];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            Assert.True(pixels[i] == red && pixels[i + 1] == green && pixels[i + 2] == blue, $"pixel {i / 3} differs from pixel 0 in frame {frame.SequenceNumber}");
        }

        return (red, green, blue) switch
        {
            ( >= 250, <= 5, <= 5) => "red",
            ( <= 5, <= 5, >= 250) => "blue",
            _ => $"rgb({red},{green},{blue})",
        };
    }

    private static bool IsRunning(int processId)
    {
        // A zombie still has /proc/<pid>, so its absence means the process was also reaped.
        string stat = $"/proc/{processId}/stat";
        return System.IO.File.Exists(stat) && System.IO.File.ReadAllText(stat).Contains("ffmpeg", StringComparison.Ordinal);
    }
}
