namespace RobotSdk.Drivers.Feetech;

/// <summary>
/// The exceptions the real-time path records in <see cref="RobotSdk.Hardware.DriverDiagnostics"/>,
/// made once per (kind, ID, range, error bits) and reused, so that a fault repeating every
/// cycle (a servo unplugged, an overload) allocates nothing after its first occurrence.
/// </summary>
internal sealed class RealTimeFaults
{
    private const int NoId = 256;
    private readonly string _bus;
    private readonly Entry[] _entries = new Entry[4 * (NoId + 1)];

    public RealTimeFaults(string bus) => _bus = bus;

    /// <summary>The fault for a failed transaction; <paramref name="id"/> is -1 when it concerns no single servo.</summary>
    public HardwareFaultException Get(FeetechStatus status, int id, byte address, byte length, FeetechErrors flags, int attempts, int timeoutMs)
    {
        int kind = status switch
        {
            FeetechStatus.Timeout => 0,
            FeetechStatus.Corrupt => 1,
            FeetechStatus.DeviceError => 2,
            _ => 3,
        };
        ref Entry entry = ref _entries[(kind * (NoId + 1)) + (id < 0 ? NoId : id)];
        if (entry.Fault is not null && entry.Address == address && entry.Length == length && entry.Flags == flags)
        {
            return entry.Fault;
        }

        int? deviceId = id < 0 ? null : id;
        string register = FeetechBus.DescribeRange(address, length);
        entry = new Entry(address, length, flags, status switch
        {
            FeetechStatus.Timeout => new HardwareTimeoutException(_bus, deviceId, register, $"no complete reply after {attempts} attempt(s) of {timeoutMs} ms"),
            FeetechStatus.Corrupt => new CorruptPacketException(_bus, deviceId, register, $"corrupt reply (bad checksum or framing) after {attempts} attempt(s)"),
            FeetechStatus.DeviceError => new DeviceErrorException(_bus, deviceId, register, (int)flags, flags.Describe(), flags.IsHardwareAlert()),
            _ => new HardwareFaultException(_bus, deviceId, register, $"transaction failed: {status}"),
        });
        return entry.Fault!;
    }

    private readonly record struct Entry(byte Address, byte Length, FeetechErrors Flags, HardwareFaultException? Fault);
}
