namespace RobotSdk.Policy.Onnx;

/// <summary>How an <see cref="OnnxSession"/> is created: threads, graph optimization, execution provider.</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>
    /// Threads a single operator may use (0 = the runtime's choice, one per physical core). On a
    /// machine that also runs the control loop, a small number keeps inference off its core.
    /// </summary>
    public int IntraOpThreadCount { get; set; }

    /// <summary>Threads for running independent operators in parallel (0 = the runtime's choice).</summary>
    public int InterOpThreadCount { get; set; }

    /// <summary>Graph optimization at load; <see cref="OnnxOptimizationLevel.All"/> by default.</summary>
    public OnnxOptimizationLevel OptimizationLevel { get; set; } = OnnxOptimizationLevel.All;

    /// <summary>
    /// The execution provider by short name, case-insensitive: "CPU" (default), "CUDA", "TensorRT", or
    /// any other provider the loaded library lists in <see cref="OnnxRuntimeLibrary.AvailableExecutionProviders"/>
    /// ("WebGpu", "OpenVINO", ...); the runtime's full names ("CUDAExecutionProvider") work too. If the
    /// provider is not in the loaded library or fails to start (a GPU provider whose libraries or
    /// device are missing), the session runs on CPU and says why in
    /// <see cref="OnnxSession.ExecutionProviderFallbackReason"/> and in a warning log, unless
    /// <see cref="RequireExecutionProvider"/> is set.
    /// </summary>
    public string ExecutionProvider { get; set; } = "CPU";

    /// <summary>Provider settings as the runtime's key/value strings (for CUDA: "device_id", "gpu_mem_limit", ...).</summary>
    public IDictionary<string, string> ExecutionProviderOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When true, an unavailable or failing <see cref="ExecutionProvider"/> throws instead of falling back to CPU.</summary>
    public bool RequireExecutionProvider { get; set; }

    /// <summary>
    /// Session configuration entries passed to the runtime verbatim, for example
    /// "session.intra_op.allow_spinning" = "0" so idle worker threads do not spin on a busy machine.
    /// </summary>
    public IDictionary<string, string> ConfigurationEntries { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The full path of <c>libonnxruntime.so.1</c>, or null to search (see <see cref="OnnxRuntimeLibrary.Load"/>).
    /// Only the first load in a process chooses the library.
    /// </summary>
    public string? LibraryPath { get; set; }

    /// <summary>Checks the values; called by <see cref="OnnxSession"/> before anything native happens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A thread count is negative or the optimization level is not defined.</exception>
    /// <exception cref="ArgumentException">The execution provider name is empty.</exception>
    public void Validate()
    {
        if (IntraOpThreadCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreadCount), IntraOpThreadCount, "Intra-op thread count must be 0 (runtime default) or more.");
        }

        if (InterOpThreadCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InterOpThreadCount), InterOpThreadCount, "Inter-op thread count must be 0 (runtime default) or more.");
        }

        if (!Enum.IsDefined(OptimizationLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(OptimizationLevel), OptimizationLevel, "Optimization level must be Disabled (0), Basic (1), Extended (2) or All (99).");
        }

        if (string.IsNullOrWhiteSpace(ExecutionProvider))
        {
            throw new ArgumentException("Execution provider must be named (\"CPU\", \"CUDA\", ...).", nameof(ExecutionProvider));
        }
    }
}
