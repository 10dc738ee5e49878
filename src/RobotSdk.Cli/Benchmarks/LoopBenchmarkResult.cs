using System.Text.Json.Serialization;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>Figures of one control-loop benchmark run; JSON names are the documented ones.</summary>
internal sealed record LoopBenchmarkResult(
    [property: JsonPropertyName("pacing")] string Pacing,
    [property: JsonPropertyName("rate_hz")] double RateHz,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("cycles")] long Cycles,
    [property: JsonPropertyName("achieved_rate_hz")] double AchievedRateHz,
    [property: JsonPropertyName("p50_period_error_ms")] double P50PeriodErrorMs,
    [property: JsonPropertyName("p99_period_error_ms")] double P99PeriodErrorMs,
    [property: JsonPropertyName("max_period_error_ms")] double MaxPeriodErrorMs,
    [property: JsonPropertyName("overruns")] long Overruns,
    [property: JsonPropertyName("cycle_work_p99_ms")] double CycleWorkP99Ms,
    [property: JsonPropertyName("allocated_bytes_per_cycle")] double AllocatedBytesPerCycle,
    [property: JsonPropertyName("load_threads")] int LoadThreads);
