namespace RobotSdk.Simulation;

/// <summary>A reader waiting for a frame newer than <see cref="AfterSequenceNumber"/>; continuations run on the thread pool.</summary>
internal sealed class SimulatedFrameWaiter(long afterSequenceNumber) : TaskCompletionSource<CameraFrame>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public long AfterSequenceNumber { get; } = afterSequenceNumber;
}
