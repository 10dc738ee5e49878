using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace RobotSdk.Policy.Tests.Observation;

/// <summary>
/// A camera whose frames the test publishes: seeded RGB24 gradients of any size, stamped with the
/// Stopwatch time, with latest-value semantics and waiters for the next frame as real cameras have.
/// </summary>
internal sealed class GeneratedCamera(string name) : ICamera
{
    private readonly Lock gate = new();
    private readonly List<(long After, TaskCompletionSource<CameraFrame> Waiter)> waiters = [];
    private CameraFrame? latest;
    private long sequence;

    public string Name { get; } = name;

    public CameraIntrinsics? Intrinsics => null;

    public long DroppedFrames => 0;

    /// <summary>Makes and publishes a <paramref name="width"/> × <paramref name="height"/> frame taken <paramref name="age"/> ago.</summary>
    public CameraFrame Publish(int width, int height, int seed, TimeSpan age = default)
    {
        var pixels = new byte[width * height * 3];
        var random = new Random(seed);
        for (int index = 0; index < pixels.Length; index++)
        {
            // A gradient plus noise, so resizing has structure to preserve.
            pixels[index] = (byte)(((index / 3 % width) * 255 / Math.Max(1, width - 1) + random.Next(32)) & 0xFF);
        }

        long timestamp = Stopwatch.GetTimestamp() - (long)(age.TotalSeconds * Stopwatch.Frequency);
        List<TaskCompletionSource<CameraFrame>> ready = [];
        CameraFrame frame;
        lock (gate)
        {
            frame = new CameraFrame(width, height, PixelFormat.Rgb24, pixels, timestamp, ++sequence);
            latest = frame;
            waiters.RemoveAll(waiter =>
            {
                bool newer = frame.SequenceNumber > waiter.After;
                if (newer)
                {
                    ready.Add(waiter.Waiter);
                }

                return newer;
            });
        }

        ready.ForEach(waiter => waiter.TrySetResult(frame));
        return frame;
    }

    public bool TryGetLatestFrame([NotNullWhen(true)] out CameraFrame? frame)
    {
        lock (gate)
        {
            frame = latest;
            return frame is not null;
        }
    }

    public ValueTask<CameraFrame> ReadNextFrameAsync(long afterSequenceNumber = -1, CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource<CameraFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (latest is { } frame && frame.SequenceNumber > afterSequenceNumber)
            {
                return ValueTask.FromResult(frame);
            }

            waiters.Add((afterSequenceNumber, waiter));
        }

        return new ValueTask<CameraFrame>(waiter.Task.WaitAsync(cancellationToken));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
