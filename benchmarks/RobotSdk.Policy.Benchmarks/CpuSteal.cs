using System.Globalization;

namespace RobotSdk.Policy.Benchmarks;

/// <summary>
/// The share of CPU time the hypervisor took from this virtual machine (the <c>steal</c> column of
/// /proc/stat) between two readings. A machine whose vCPUs are descheduled for tens of milliseconds
/// delays every thread, however it waits, so the gap figures are read next to it.
/// </summary>
internal readonly record struct CpuSteal(long Steal, long Total)
{
    /// <summary>The counters now; zeros where /proc/stat has no steal column (not a VM, not Linux).</summary>
    public static CpuSteal Read()
    {
        string? line = File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").FirstOrDefault() : null;
        long[] fields = line is null ? [] : [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(value => long.Parse(value, CultureInfo.InvariantCulture))];
        return fields.Length < 8 ? default : new CpuSteal(fields[7], fields.Sum());
    }

    /// <summary>Percent of all CPU time from <paramref name="start"/> to this reading that was stolen.</summary>
    public double PercentSince(CpuSteal start) => Total == start.Total ? 0 : 100.0 * (Steal - start.Steal) / (Total - start.Total);
}
