namespace RobotSdk.Policy.Runner;

/// <summary>
/// Where action chunks come from: a local ONNX model (one graph, or a flow-matching step graph
/// the backend integrates) or a remote openpi server. The runner calls <see cref="InferAsync"/> from
/// its inference thread, one call at a time, never from the control thread.
/// </summary>
public interface IPolicyBackend : IAsyncDisposable
{
    /// <summary>What this backend runs, for logs and reports (for example <c>onnx touch-cube.onnx (CPU)</c> or <c>remote ws://gpu:8000</c>).</summary>
    string Description { get; }

    /// <summary>
    /// True when the backend honours <see cref="ChunkPrefix"/> itself while it computes a chunk
    /// (a flow-matching model inpainted at every denoising step); otherwise the runner blends the
    /// returned chunk with the prefix afterwards.
    /// </summary>
    bool InpaintsPrefix { get; }

    /// <summary>Loads the model or connects to the server before the first inference; a started backend returns at once, so one backend can serve several runs.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Computes one chunk for <paramref name="observation"/> into <paramref name="chunk"/>:
    /// ChunkLength × Dimensions numbers, row-major, in action units (denormalized, before the
    /// embodiment adapter). <paramref name="prefix"/> is what the previous chunk still wants to do
    /// when this one takes over (real-time chunking), or null.
    /// </summary>
    Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken);

    /// <summary>Aborts an inference in progress as soon as possible (emergency stop); safe from any thread.</summary>
    void Terminate();
}
