namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>A model file both sides run, with the inputs they feed it.</summary>
/// <param name="Name">Short name for the report ("tiny-pi0-step").</param>
/// <param name="Path">The .onnx file.</param>
/// <param name="Inputs">Every graph input with its fill.</param>
internal sealed record BenchmarkModel(string Name, string Path, IReadOnlyList<BenchmarkInput> Inputs);
