using System.Text.Json.Serialization;

namespace RobotSdk.Cli.Benchmarks;

/// <summary>Figures of the virtual SO-101: real time kept, render cost, goal-to-motion latency.</summary>
internal sealed record SimulationBenchmarkResult(
    [property: JsonPropertyName("real_time_factor")] double RealTimeFactor,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("late_steps")] long LateSteps,
    [property: JsonPropertyName("worst_lag_ms")] double WorstLagMs,
    [property: JsonPropertyName("step_us")] double StepMicroseconds,
    [property: JsonPropertyName("renders")] int Renders,
    [property: JsonPropertyName("render_640x480_ms_p50")] double RenderP50Ms,
    [property: JsonPropertyName("render_640x480_ms_p99")] double RenderP99Ms,
    [property: JsonPropertyName("camera_frames")] long CameraFrames,
    [property: JsonPropertyName("camera_skipped_frames")] long CameraSkippedFrames,
    [property: JsonPropertyName("goal_writes")] int GoalWrites,
    [property: JsonPropertyName("goal_to_motion_ms_p50")] double GoalToMotionP50Ms,
    [property: JsonPropertyName("goal_to_motion_ms_p99")] double GoalToMotionP99Ms);
