using System.Diagnostics;
using RobotSdk.Transports.Cameras;
using Xunit.Abstractions;

namespace RobotSdk.Transports.Tests.Cameras;

/// <summary>Runs the throughput test alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(nameof(FfmpegCameraThroughputTests), DisableParallelization = true)]
public sealed class FfmpegCameraThroughputGroup;

/// <summary>
/// Reads a paced 640x480 30 fps file for 5 s and reports fps, drops and allocations per frame.
/// The bounds are loose (shared CI machines); the figures go to the test output.
/// </summary>
[Collection(nameof(FfmpegCameraThroughputTests))]
public sealed class FfmpegCameraThroughputTests(TestVideos videos, ITestOutputHelper output) : IClassFixture<TestVideos>
{
    [Fact]
    public async Task PacedFile_SustainsItsFrameRate_WithoutAllocatingPixelMemoryPerFrame()
    {
        var options = new FfmpegCameraOptions { Name = "throughput", SourceKind = FfmpegSourceKind.File, Source = videos.TestPattern640x480, Width = 640, Height = 480 };
        await using FfmpegCamera camera = await FfmpegCamera.OpenAsync(options);

        // Warm up, then measure: a poller takes each new frame as a control loop would.
        CameraFrame frame = await camera.ReadNextFrameAsync();
        long framesBefore = camera.FramesReceived, droppedBefore = camera.DroppedFrames;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        long last = frame.SequenceNumber, taken = 0, maxAgeTicks = 0;
        while (stopwatch.ElapsedMilliseconds < 5000)
        {
            if (camera.TryGetLatestFrame(out CameraFrame? latest) && latest.SequenceNumber != last)
            {
                maxAgeTicks = Math.Max(maxAgeTicks, Stopwatch.GetTimestamp() - latest.TimestampTicks);
                last = latest.SequenceNumber;
                taken++;
            }

            Thread.Sleep(1);
        }

        double seconds = stopwatch.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long frames = camera.FramesReceived - framesBefore;
        long dropped = camera.DroppedFrames - droppedBefore;
        output.WriteLine($"frames {frames} in {seconds:0.00} s = {frames / seconds:0.0} fps; taken {taken}; dropped {dropped}; worst age when seen {maxAgeTicks * 1000.0 / Stopwatch.Frequency:0.0} ms");
        output.WriteLine($"allocated {allocated} bytes in the process = {allocated / (double)frames:0} bytes per frame (frame size {options.FrameSizeBytes} bytes)");

        Assert.True(frames >= 60, $"only {frames} frames in 5 s");
        Assert.True(allocated / frames < options.FrameSizeBytes / 10, $"{allocated / frames} bytes allocated per frame");
    }
}
