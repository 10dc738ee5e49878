namespace RobotSdk.Hardware;

/// <summary>
/// Counters and the last fault of a driver, updated from the control thread without
/// allocation and read from any thread. Counters are monotonic.
/// </summary>
public sealed class DriverDiagnostics
{
    private long _transactions;
    private long _retries;
    private long _errors;
    private long _timeouts;
    private long _corruptReplies;
    private long _deviceErrors;
    private HardwareFaultException? _lastFault;

    /// <summary>Transactions attempted (one per read or write, retries excluded).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Retries made after a failed attempt.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Transactions that failed after all retries.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Attempts that got no (complete) reply in time.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Attempts whose reply failed its CRC/checksum or framing.</summary>
    public long CorruptReplies => Interlocked.Read(ref _corruptReplies);

    /// <summary>Replies in which a device reported an error or hardware alert.</summary>
    public long DeviceErrors => Interlocked.Read(ref _deviceErrors);

    /// <summary>The most recent fault with bus, device and register, or null.</summary>
    public HardwareFaultException? LastFault => Volatile.Read(ref _lastFault);

    /// <summary>Counts one transaction.</summary>
    public void CountTransaction() => Interlocked.Increment(ref _transactions);

    /// <summary>Counts one retry.</summary>
    public void CountRetry() => Interlocked.Increment(ref _retries);

    /// <summary>Counts one timeout.</summary>
    public void CountTimeout() => Interlocked.Increment(ref _timeouts);

    /// <summary>Counts one corrupt reply.</summary>
    public void CountCorruptReply() => Interlocked.Increment(ref _corruptReplies);

    /// <summary>Counts one device-reported error.</summary>
    public void CountDeviceError() => Interlocked.Increment(ref _deviceErrors);

    /// <summary>Counts a failed transaction and remembers why. Called on the fault path only.</summary>
    public void RecordFault(HardwareFaultException fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Interlocked.Increment(ref _errors);
        Volatile.Write(ref _lastFault, fault);
    }
}
