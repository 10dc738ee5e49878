namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// One way of running a benchmark model from .NET, timed call by call against bare ONNX Runtime
/// in Node: the bare binding, and the runner's policy backend on the same graphs.
/// </summary>
internal interface IInferenceSubject : IDisposable
{
    /// <summary>What runs, for the report.</summary>
    string Name { get; }

    /// <summary>One inference, inputs already in place.</summary>
    void RunOnce();

    /// <summary>
    /// Σ value[i]·((i mod 13) − 6) over the float outputs of the last call (a chunk's actions), summed
    /// over outputs: what the Node scripts print as <c>output_checksum</c>, to check both sides did the same work;
    /// null for a subject whose values differ by design (the policy backend's noise and normalization).
    /// </summary>
    double? OutputChecksum();
}
