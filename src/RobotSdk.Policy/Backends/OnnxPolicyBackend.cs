using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Backends;

/// <summary>
/// Runs a single-graph ONNX policy (<see cref="OnnxPolicyModel"/>): the graph takes the manifest's
/// image, state and prompt inputs by name and returns the chunk <c>actions.name</c> shaped
/// [H, D_model] or [1, H, D_model]. The inputs are bound once over buffers this backend owns:
/// images as the manifest lays them out, state normalized with the manifest's state statistics
/// and zero-padded to <c>pad_to</c>, the prompt as SentencePiece token ids (int32 or int64, as the
/// model declares) and an optional bool mask. The chunk keeps the first <c>dimensions</c> columns,
/// denormalized with the action statistics; delta actions stay relative (the embodiment adapter
/// adds the anchor). After warm-up an inference allocates nothing on the managed heap (ONNX
/// Runtime's own native allocations aside), as long as the prompt text does not change.
/// </summary>
/// <remarks>
/// <see cref="StartAsync"/> loads the model and checks every tensor against the manifest; a model
/// that does not fit throws <see cref="PolicyModelMismatchException"/> naming each tensor with the
/// expected and declared type and shape. <see cref="InferAsync"/> runs on the caller's thread and
/// returns a completed task.
/// </remarks>
public sealed class OnnxPolicyBackend : IPolicyBackend
{
    private readonly PolicyManifest manifest;
    private readonly OnnxPolicyModel model;
    private readonly PolicyBackendOptions options;
    private IInferenceSession? session;
    private IInferenceBinding? binding;
    private ObservationFeed? feed;
    private Normalizer? actionNormalizer;
    private float[] modelActions = [];

    /// <summary>Prepares the backend; nothing is loaded until <see cref="StartAsync"/>.</summary>
    /// <param name="manifest">A manifest whose model is an <see cref="OnnxPolicyModel"/>.</param>
    /// <param name="options">Session settings; defaults when null.</param>
    /// <exception cref="ArgumentException">The manifest's model is not a single ONNX graph.</exception>
    public OnnxPolicyBackend(PolicyManifest manifest, PolicyBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        this.manifest = manifest;
        model = manifest.Model as OnnxPolicyModel
            ?? throw new ArgumentException($"OnnxPolicyBackend runs manifests of model kind 'onnx'; this manifest's model is {manifest.Model.GetType().Name}.", nameof(manifest));
        this.options = options ?? new PolicyBackendOptions();
    }

    /// <inheritdoc/>
    public string Description => $"onnx {Path.GetFileName(model.Path)} ({session?.ExecutionProvider ?? options.ExecutionProvider})";

    /// <summary>False: a single graph cannot be steered while it computes, so the runner blends its chunks.</summary>
    public bool InpaintsPrefix => false;

    /// <summary>The loaded session (its declared tensors and execution provider), or null before <see cref="StartAsync"/>.</summary>
    public IInferenceSession? Session => session;

    /// <summary>Loads the model, checks it against the manifest and binds every tensor.</summary>
    /// <exception cref="PolicyModelMismatchException">The model's tensors do not fit the manifest.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    /// <exception cref="FileNotFoundException">The model or tokenizer file does not exist.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            Start();
            return Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The backend was not started.</exception>
    /// <exception cref="ArgumentException">The chunk buffer is too short, or the observation does not match the manifest.</exception>
    public Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ActionSpace actions = manifest.Actions;
        ActionColumns.CheckChunk(chunk, actions.ChunkLength, actions.Dimensions);
        if (binding is null || feed is null)
        {
            throw new InvalidOperationException("OnnxPolicyBackend.StartAsync must complete before InferAsync.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            feed.Fill(observation);
            using (cancellationToken.UnsafeRegister(static state => ((IInferenceSession)state!).Terminate(), session))
            {
                binding.Run();
            }

            ActionColumns.Extract(modelActions, actions.ModelDimensions, actions.Dimensions, actions.ChunkLength, actionNormalizer, chunk.Span);
            return Task.CompletedTask;
        }
        catch (OnnxRunTerminatedException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <inheritdoc/>
    public void Terminate() => session?.Terminate();

    /// <summary>Releases the binding and the session (after any inference has returned).</summary>
    public ValueTask DisposeAsync()
    {
        binding?.Dispose();
        session?.Dispose();
        binding = null;
        session = null;
        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        if (session is not null)
        {
            return; // started already: one backend serves several runs (episodes)
        }

        ILogger logger = options.LoggerFactory?.CreateLogger<OnnxPolicyBackend>() ?? (ILogger)NullLogger.Instance;
        IInferenceSession loaded = options.SessionFactory?.Invoke(model.Path, options.CreateSessionOptions())
            ?? OnnxSession.Load(model.Path, options.CreateSessionOptions(), logger);
        IInferenceBinding? created = null;
        try
        {
            var observationFeed = new ObservationFeed(manifest);
            created = loaded.CreateBinding();
            var contract = new ModelContract(model.Path, loaded);
            observationFeed.Bind(created, contract);
            ActionSpace actions = manifest.Actions;
            var output = new float[actions.ChunkLength * actions.ModelDimensions];
            if (contract.Output(actions.Name, "manifest actions.name: chunk_length × model_dimensions", TensorElementType.Float, actions.ChunkLength, actions.ModelDimensions) is { } shape)
            {
                created.BindOutput<float>(actions.Name, output, shape);
            }

            contract.RequireEveryInputProvided("the manifest's inputs");
            contract.ThrowIfProblems();
            actionNormalizer = manifest.Normalization?.Actions is { } statistics ? new Normalizer(statistics) : null;
            modelActions = output;
            feed = observationFeed;
            binding = created;
            session = loaded;
        }
        catch
        {
            created?.Dispose();
            loaded.Dispose();
            throw;
        }
    }
}
