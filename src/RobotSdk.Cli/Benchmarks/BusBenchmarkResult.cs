using System.Text.Json.Serialization;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>
/// Figures of one bus benchmark: a full control cycle (read present positions + write goals) against
/// an emulator. <see cref="DeviceDelaysMs"/> is what the devices spend per cycle besides the wire:
/// servo return delays, or a controller's (modelled) processing latency.
/// </summary>
internal sealed record BusBenchmarkResult(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("read")] string ReadInstruction,
    [property: JsonPropertyName("servos")] int Servos,
    [property: JsonPropertyName("baud")] int Baud,
    [property: JsonPropertyName("return_delay_us")] int ReturnDelayMicroseconds,
    [property: JsonPropertyName("cycles")] int Cycles,
    [property: JsonPropertyName("cycle_ms_p50")] double CycleP50Ms,
    [property: JsonPropertyName("cycle_ms_p99")] double CycleP99Ms,
    [property: JsonPropertyName("wire_ms")] double WireMs,
    [property: JsonPropertyName("device_delays_ms")] double DeviceDelaysMs,
    [property: JsonPropertyName("overhead_ratio")] double? OverheadRatio,
    [property: JsonPropertyName("max_rate_hz")] double MaxRateHz,
    [property: JsonPropertyName("failed_cycles")] int FailedCycles)
{
    /// <summary>Share of the CAN bus the arm's own feedback broadcasts take (CAN arms only).</summary>
    [JsonPropertyName("feedback_bus_load")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FeedbackBusLoad { get; init; }

    /// <summary>The last fault the driver recorded, when cycles failed (controller arms).</summary>
    [JsonPropertyName("last_fault")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastFault { get; init; }
}
