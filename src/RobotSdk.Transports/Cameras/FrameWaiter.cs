namespace RobotSdk.Transports.Cameras;

/// <summary>
/// A reader waiting in <see cref="FfmpegCamera.ReadNextFrameAsync"/> for a frame newer than
/// <see cref="AfterSequenceNumber"/>. Continuations run on the thread pool, never on the camera's
/// reader thread, so a slow consumer cannot stall capture.
/// </summary>
internal sealed class FrameWaiter(long afterSequenceNumber) : TaskCompletionSource<CameraFrame>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public long AfterSequenceNumber { get; } = afterSequenceNumber;
}
