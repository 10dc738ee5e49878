namespace RobotSdk.Policy.OverheadBenchmark;

/// <summary>
/// One way of running a benchmark model from .NET, timed call by call against bare ONNX Runtime
/// in Node. The binding is the first; the policy backend (Runner/IPolicyBackend) becomes another
/// by adding one factory to <see cref="Program"/>'s subject list.
/// </summary>
internal interface IInferenceSubject : IDisposable
{
    /// <summary>What runs, for the report.</summary>
    string Name { get; }

    /// <summary>One inference, inputs already in place.</summary>
    void RunOnce();

    /// <summary>
    /// Σ value[i]·((i mod 13) − 6) over the float outputs of the last call (a chunk's actions), summed
    /// over outputs: what the Node scripts print as <c>output_checksum</c>, to check both sides did the same work.
    /// </summary>
    double OutputChecksum();
}
