namespace RobotSdk.Transports;

/// <summary>Thread-safe frame and error counters shared by the CAN bus implementations.</summary>
internal sealed class CanBusCounters
{
    private long _framesSent;
    private long _framesReceived;
    private long _transmitErrors;
    private long _receiveErrors;

    public void CountSent() => Interlocked.Increment(ref _framesSent);

    public void CountReceived() => Interlocked.Increment(ref _framesReceived);

    public void CountTransmitError() => Interlocked.Increment(ref _transmitErrors);

    public void CountReceiveError() => Interlocked.Increment(ref _receiveErrors);

    public CanBusStatistics Snapshot() => new(
        Interlocked.Read(ref _framesSent),
        Interlocked.Read(ref _framesReceived),
        Interlocked.Read(ref _transmitErrors),
        Interlocked.Read(ref _receiveErrors));
}
