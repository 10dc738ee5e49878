using System.Text.Json.Serialization;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>Figures of one servo-bus benchmark: a full control cycle (read present positions + write goals) against an emulator.</summary>
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
    [property: JsonPropertyName("return_delays_ms")] double ReturnDelaysMs,
    [property: JsonPropertyName("overhead_ratio")] double OverheadRatio,
    [property: JsonPropertyName("max_rate_hz")] double MaxRateHz,
    [property: JsonPropertyName("failed_cycles")] int FailedCycles);
