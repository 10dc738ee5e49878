using System.Diagnostics.CodeAnalysis;

namespace RobotSdk;

/// <summary>
/// A camera with latest-value semantics: readers get the newest frame, never a queue of old ones.
/// </summary>
public interface ICamera : IAsyncDisposable
{
    /// <summary>Camera name, for example <c>scene</c> or <c>wrist</c>.</summary>
    string Name { get; }

    /// <summary>Intrinsics when known (from the device or a calibration), otherwise null.</summary>
    CameraIntrinsics? Intrinsics { get; }

    /// <summary>Frames the camera produced that no reader took before a newer one replaced them.</summary>
    long DroppedFrames { get; }

    /// <summary>Returns the newest frame, or false when none has arrived yet.</summary>
    bool TryGetLatestFrame([NotNullWhen(true)] out CameraFrame? frame);

    /// <summary>
    /// Waits for a frame newer than <paramref name="afterSequenceNumber"/>. Once the source has
    /// ended (a file's end, an unplugged device, a dropped stream) and its last frame was taken,
    /// throws <see cref="DeviceDisconnectedException"/>.
    /// </summary>
    ValueTask<CameraFrame> ReadNextFrameAsync(long afterSequenceNumber = -1, CancellationToken cancellationToken = default);
}
