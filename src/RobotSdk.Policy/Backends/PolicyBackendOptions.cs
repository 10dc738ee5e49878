using Microsoft.Extensions.Logging;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Backends;

/// <summary>
/// How <see cref="PolicyBackends.Create"/> runs a manifest's model: ONNX Runtime session settings
/// for local models, the noise seed of flow-matching models, and the server of remote ones.
/// </summary>
public sealed class PolicyBackendOptions
{
    /// <summary>ONNX Runtime execution provider by name ("CPU", "CUDA", ...); see <see cref="OnnxSessionOptions.ExecutionProvider"/>. Default "CPU".</summary>
    public string ExecutionProvider { get; set; } = ExecutionProviderNames.Cpu;

    /// <summary>When true, an unavailable execution provider fails the start instead of falling back to CPU.</summary>
    public bool RequireExecutionProvider { get; set; }

    /// <summary>Threads one ONNX operator may use (0 = the runtime's choice); see <see cref="OnnxSessionOptions.IntraOpThreadCount"/>.</summary>
    public int IntraOpThreadCount { get; set; }

    /// <summary>Threads for independent ONNX operators (0 = the runtime's choice).</summary>
    public int InterOpThreadCount { get; set; }

    /// <summary>Full path of <c>libonnxruntime.so.1</c>, or null to search for it (see <see cref="OnnxSessionOptions.LibraryPath"/>).</summary>
    public string? OnnxRuntimeLibraryPath { get; set; }

    /// <summary>
    /// The seed of a flow-matching model's initial noise when its manifest sets no <c>noise_seed</c>;
    /// null draws one at random (chunks then differ from run to run).
    /// </summary>
    public int? NoiseSeed { get; set; }

    /// <summary>
    /// The openpi server to use instead of the manifest's <c>model.address</c> (the CLI's <c>--remote</c>);
    /// with a remote manifest that has no address it is required.
    /// </summary>
    public Uri? RemoteAddress { get; set; }

    /// <summary>The remote server's API key, sent as <c>Authorization: Api-Key &lt;key&gt;</c>; null sends none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Limit for one remote inference; see <see cref="RemotePolicyOptions.RequestTimeout"/>. Default 10 s.</summary>
    public TimeSpan RemoteRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for one remote connection attempt; see <see cref="RemotePolicyOptions.ConnectTimeout"/>. Default 10 s.</summary>
    public TimeSpan RemoteConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Remote connection attempts before giving up; see <see cref="RemotePolicyOptions.ConnectAttempts"/>. Default 5.</summary>
    public int RemoteConnectAttempts { get; set; } = 5;

    /// <summary>
    /// Loads a model file into an inference session instead of <see cref="OnnxSession.Load(string, OnnxSessionOptions?, ILogger?)"/>,
    /// for example an implementation of <see cref="IInferenceSession"/> over the official Microsoft.ML.OnnxRuntime
    /// package; null uses this library's native binding. Called with the model path and <see cref="CreateSessionOptions"/>.
    /// </summary>
    public Func<string, OnnxSessionOptions, IInferenceSession>? SessionFactory { get; set; }

    /// <summary>Creates the backends' loggers; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The ONNX Runtime session options these settings describe (a new instance per call).</summary>
    public OnnxSessionOptions CreateSessionOptions() =>
        new()
        {
            ExecutionProvider = ExecutionProvider,
            RequireExecutionProvider = RequireExecutionProvider,
            IntraOpThreadCount = IntraOpThreadCount,
            InterOpThreadCount = InterOpThreadCount,
            LibraryPath = OnnxRuntimeLibraryPath,
        };
}
