using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Preprocessing;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Backends;

/// <summary>
/// Runs a flow-matching policy (<see cref="FlowMatchingPolicyModel"/>) the way openpi samples pi0:
/// the optional observation graph runs once per chunk and its <c>context</c> outputs (a prefix KV
/// cache, say) feed the step graph's inputs of the same names without a copy; then, from Gaussian
/// noise ε (seeded: the manifest's <c>noise_seed</c>, else <see cref="PolicyBackendOptions.NoiseSeed"/>,
/// else a random seed), the step graph is called <c>steps</c> times with the current actions x and
/// time t, each call followed by the Euler step x ← x + dt · v with dt = (time_end − time_start) / steps
/// (pi0: t from 1, noise, to 0, data, dt = −0.1). The result's first <c>dimensions</c> columns are
/// denormalized with the action statistics into the chunk; delta actions stay relative.
/// </summary>
/// <remarks>
/// <para><b>Real-time chunking, guidance-free inpainting.</b> With a <see cref="ChunkPrefix"/>
/// (<see cref="InpaintsPrefix"/> is true) the backend steers the sampling towards the previous chunk's
/// plan Y with weights W, without the vector-Jacobian product of true real-time chunking guidance
/// (a plain ONNX graph has none): before each step and once after the last, with τ the data-ness
/// of the current time (τ = (t − time_start) / (time_end − time_start), so τ = 1 − t for pi0), each
/// row i of the used columns is overwritten as x_i ← W_i · (τ · Y_i + (1 − τ) · ε_i) + (1 − W_i) · x_i,
/// in normalized model units (Y is normalized with the action statistics first). Rows with W = 1
/// therefore end exactly on Y, rows with W = 0 are sampled freely, and rows between are pulled
/// towards Y along the same noise path the model expects at time t. REFERENCE.md section 7 describes
/// the guided variant this approximates.</para>
/// <para>After warm-up an inference allocates nothing on the managed heap (ONNX Runtime's own native
/// allocations aside). <see cref="InferAsync"/> runs on the caller's thread and returns a completed task.</para>
/// </remarks>
public sealed class FlowMatchingPolicyBackend : IPolicyBackend
{
    private readonly PolicyManifest manifest;
    private readonly FlowMatchingPolicyModel model;
    private readonly PolicyBackendOptions options;
    private readonly List<IDisposable> resources = [];
    private IInferenceSession? stepSession;
    private IInferenceSession? observationSession;
    private IInferenceBinding? stepBinding;
    private IInferenceBinding? observationBinding;
    private ObservationFeed? feed;
    private Normalizer? actionNormalizer;
    private GaussianNoise? noise;
    private float[] actions = [];
    private float[] velocity = [];
    private float[] initialNoise = [];
    private float[] time = [];
    private float[] normalizedPrefix = [];

    /// <summary>Prepares the backend; nothing is loaded until <see cref="StartAsync"/>.</summary>
    /// <param name="manifest">A manifest whose model is a <see cref="FlowMatchingPolicyModel"/>.</param>
    /// <param name="options">Session settings and the fallback noise seed; defaults when null.</param>
    /// <exception cref="ArgumentException">The manifest's model is not a flow-matching model, or its step count is below 1.</exception>
    public FlowMatchingPolicyBackend(PolicyManifest manifest, PolicyBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        this.manifest = manifest;
        model = manifest.Model as FlowMatchingPolicyModel
            ?? throw new ArgumentException($"FlowMatchingPolicyBackend runs manifests of model kind 'flow-matching'; this manifest's model is {manifest.Model.GetType().Name}.", nameof(manifest));
        if (model.Steps < 1)
        {
            throw new ArgumentException($"The manifest's model.steps is {model.Steps}; a flow-matching model needs at least one Euler step.", nameof(manifest));
        }

        this.options = options ?? new PolicyBackendOptions();
        NoiseSeed = model.NoiseSeed ?? this.options.NoiseSeed ?? Random.Shared.Next();
    }

    /// <inheritdoc/>
    public string Description =>
        $"flow-matching {Path.GetFileName(model.StepGraphPath)}{(model.ObservationGraphPath is { } observation ? " + " + Path.GetFileName(observation) : string.Empty)}, {model.Steps} steps ({stepSession?.ExecutionProvider ?? options.ExecutionProvider})";

    /// <summary>True: a <see cref="ChunkPrefix"/> is inpainted at every denoising step (the guidance-free variant; see the remarks).</summary>
    public bool InpaintsPrefix => true;

    /// <summary>The seed of the initial noise: the manifest's <c>noise_seed</c>, else the options', else drawn at random. Chunk n of a backend uses the noise that follows chunk n − 1's.</summary>
    public int NoiseSeed { get; }

    /// <summary>Loads the graphs, checks them against the manifest and binds every tensor.</summary>
    /// <exception cref="PolicyModelMismatchException">A graph's tensors do not fit the manifest.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected a graph.</exception>
    /// <exception cref="FileNotFoundException">A graph or the tokenizer file does not exist.</exception>
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
            Release();
            return Task.FromException(exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The backend was not started.</exception>
    /// <exception cref="ArgumentException">The chunk buffer is too short, the prefix has another size than the manifest's chunks, or the observation does not match the manifest.</exception>
    public Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ActionSpace space = manifest.Actions;
        ActionColumns.CheckChunk(chunk, space.ChunkLength, space.Dimensions);
        if (stepBinding is null || feed is null)
        {
            throw new InvalidOperationException("FlowMatchingPolicyBackend.StartAsync must complete before InferAsync.");
        }

        if (prefix is not null && (prefix.ChunkLength != space.ChunkLength || prefix.Dimensions != space.Dimensions))
        {
            throw new ArgumentException(
                $"The chunk prefix is {prefix.ChunkLength} × {prefix.Dimensions}; the manifest's chunks are actions.chunk_length {space.ChunkLength} × actions.dimensions {space.Dimensions}.", nameof(prefix));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            feed.Fill(observation);
            if (prefix is not null)
            {
                NormalizePrefix(prefix);
            }

            using (cancellationToken.UnsafeRegister(static state => ((FlowMatchingPolicyBackend)state!).Terminate(), this))
            {
                Sample(prefix, cancellationToken);
            }

            ActionColumns.Extract(actions, space.ModelDimensions, space.Dimensions, space.ChunkLength, actionNormalizer, chunk.Span);
            return Task.CompletedTask;
        }
        catch (Exception exception) when (exception is OnnxRunTerminatedException or OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <inheritdoc/>
    public void Terminate()
    {
        observationSession?.Terminate();
        stepSession?.Terminate();
    }

    /// <summary>Releases the bindings and sessions (after any inference has returned).</summary>
    public ValueTask DisposeAsync()
    {
        Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>The Euler integration from noise to actions, inpainting the prefix when there is one.</summary>
    private void Sample(ChunkPrefix? prefix, CancellationToken cancellationToken)
    {
        observationBinding?.Run();
        noise!.Fill(initialNoise);
        initialNoise.CopyTo(actions, 0);

        // pi0 keeps time in float32 and adds dt after every step; so does this loop.
        float dt = (float)((model.TimeEnd - model.TimeStart) / model.Steps);
        float t = (float)model.TimeStart;
        for (int step = 0; step < model.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (prefix is not null)
            {
                Inpaint(prefix, DataFraction(t));
            }

            time.AsSpan().Fill(t);
            stepBinding!.Run();
            for (int index = 0; index < actions.Length; index++)
            {
                actions[index] += dt * velocity[index];
            }

            t += dt;
        }

        if (prefix is not null)
        {
            Inpaint(prefix, 1f);
        }
    }

    /// <summary>τ: 0 at time_start (noise), 1 at time_end (data).</summary>
    private float DataFraction(float t) => (float)((t - model.TimeStart) / (model.TimeEnd - model.TimeStart));

    /// <summary>x_i ← W_i (τ Y_i + (1 − τ) ε_i) + (1 − W_i) x_i over the used columns of every weighted row.</summary>
    private void Inpaint(ChunkPrefix prefix, float dataFraction)
    {
        int dimensions = manifest.Actions.Dimensions;
        int modelDimensions = manifest.Actions.ModelDimensions;
        for (int row = 0; row < prefix.ChunkLength; row++)
        {
            float weight = prefix.Weights[row];
            if (weight <= 0f)
            {
                continue;
            }

            for (int column = 0; column < dimensions; column++)
            {
                int at = (row * modelDimensions) + column;
                float target = (dataFraction * normalizedPrefix[(row * dimensions) + column]) + ((1f - dataFraction) * initialNoise[at]);
                actions[at] = (weight * target) + ((1f - weight) * actions[at]);
            }
        }
    }

    private void NormalizePrefix(ChunkPrefix prefix)
    {
        int dimensions = manifest.Actions.Dimensions;
        for (int row = 0; row < prefix.ChunkLength; row++)
        {
            ReadOnlySpan<float> source = prefix.Actions.AsSpan(row * dimensions, dimensions);
            Span<float> destination = normalizedPrefix.AsSpan(row * dimensions, dimensions);
            if (actionNormalizer is null)
            {
                source.CopyTo(destination);
            }
            else
            {
                actionNormalizer.Normalize(source, destination);
            }
        }
    }

    private void Start()
    {
        if (stepSession is not null)
        {
            return; // started already: one backend serves several runs (episodes)
        }

        ILogger logger = options.LoggerFactory?.CreateLogger<FlowMatchingPolicyBackend>() ?? (ILogger)NullLogger.Instance;
        ActionSpace space = manifest.Actions;
        int length = space.ChunkLength * space.ModelDimensions;
        actions = new float[length];
        velocity = new float[length];
        initialNoise = new float[length];
        normalizedPrefix = new float[space.ChunkLength * space.Dimensions];
        feed = new ObservationFeed(manifest);
        var problems = new List<string>();

        ModelContract? observationContract = null;
        if (model.ObservationGraphPath is { } observationPath)
        {
            observationSession = Load(observationPath, logger);
            observationBinding = Keep(observationSession.CreateBinding());
            observationContract = new ModelContract(observationPath, observationSession);
            feed.Bind(observationBinding, observationContract);
            observationContract.RequireEveryInputProvided("the manifest's inputs");
        }

        stepSession = Load(model.StepGraphPath, logger);
        stepBinding = Keep(stepSession.CreateBinding());
        var stepContract = new ModelContract(model.StepGraphPath, stepSession);
        if (stepContract.Input(model.NoisyActionsName, "manifest model.noisy_actions: chunk_length × model_dimensions", [TensorElementType.Float], out _, space.ChunkLength, space.ModelDimensions) is { } actionShape)
        {
            stepBinding.BindInput<float>(model.NoisyActionsName, actions, actionShape);
        }

        BindTime(stepContract);
        if (stepContract.Output(model.VelocityName, "manifest model.velocity: chunk_length × model_dimensions", TensorElementType.Float, space.ChunkLength, space.ModelDimensions) is { } velocityShape)
        {
            stepBinding.BindOutput<float>(model.VelocityName, velocity, velocityShape);
        }

        if (observationContract is null)
        {
            feed.Bind(stepBinding, stepContract);
            stepContract.RequireEveryInputProvided("model.noisy_actions, model.time or the manifest's inputs");
        }
        else
        {
            foreach (string name in model.ContextNames)
            {
                BindContext(name, observationContract, stepContract);
            }

            if (model.ContextNames.Count == 0)
            {
                observationContract.Add("the manifest names no model.context outputs, so nothing would carry the observation graph's results to the step graph.");
            }

            stepContract.RequireEveryInputProvided("model.noisy_actions, model.time or model.context");
            problems.AddRange(observationContract.Problems.Select(problem => $"observation graph: {problem}"));
        }

        problems.AddRange(stepContract.Problems.Select(problem => observationContract is null ? problem : $"step graph: {problem}"));
        if (problems.Count > 0)
        {
            string graphs = model.ObservationGraphPath is null ? model.StepGraphPath : $"{model.StepGraphPath} (observation graph {model.ObservationGraphPath})";
            throw new PolicyModelMismatchException(graphs, problems);
        }

        actionNormalizer = manifest.Normalization?.Actions is { } statistics ? new Normalizer(statistics) : null;
        noise = new GaussianNoise(unchecked((ulong)NoiseSeed));
    }

    /// <summary>The time input takes one float: a scalar, or any shape whose dimensions are all 1.</summary>
    private void BindTime(ModelContract contract)
    {
        if (contract.ClaimInput(model.TimeName, "manifest model.time") is not { } declared)
        {
            return;
        }

        if (declared.ElementType != TensorElementType.Float || declared.Dimensions.Any(dimension => !dimension.Accepts(1)))
        {
            contract.Add($"input '{model.TimeName}' (manifest model.time): expected Float [] or [1] (one value); the model declares {declared.ElementType} {declared.ShapeText}.");
            return;
        }

        long[] shape = [.. declared.Dimensions.Select(_ => 1L)];
        time = new float[1];
        stepBinding!.BindInput<float>(model.TimeName, time, shape);
    }

    /// <summary>One buffer bound as the observation graph's output and the step graph's input of the same name.</summary>
    private void BindContext(string name, ModelContract producer, ModelContract consumer)
    {
        TensorMetadata? output = producer.FindOutput(name, "manifest model.context");
        TensorMetadata? input = consumer.ClaimInput(name, "manifest model.context, an output of the observation graph");
        if (output is null || input is null)
        {
            return;
        }

        if (output.ElementType != input.ElementType || output.Dimensions.Count != input.Dimensions.Count)
        {
            consumer.Add($"input '{name}' (manifest model.context): the observation graph's output is {output.ElementType} {output.ShapeText}; the step graph's input is {input.ElementType} {input.ShapeText}.");
            return;
        }

        var shape = new long[output.Dimensions.Count];
        for (int axis = 0; axis < shape.Length; axis++)
        {
            TensorDimension produced = output.Dimensions[axis];
            TensorDimension consumed = input.Dimensions[axis];
            shape[axis] = !produced.IsDynamic ? produced.Size : !consumed.IsDynamic ? consumed.Size : axis == 0 ? 1 : -1;
            if (shape[axis] < 0 || !produced.Accepts(shape[axis]) || !consumed.Accepts(shape[axis]))
            {
                consumer.Add($"input '{name}' (manifest model.context): axis {axis} has no size both graphs agree on (observation graph output {output.ShapeText}, step graph input {input.ShapeText}); export context tensors with fixed sizes.");
                return;
            }
        }

        long count = TensorShapes.ElementCount(shape);
        switch (output.ElementType)
        {
            case TensorElementType.Float: Share<float>(name, count, shape); break;
            case TensorElementType.Float16: Share<Half>(name, count, shape); break;
            case TensorElementType.Double: Share<double>(name, count, shape); break;
            case TensorElementType.Int64: Share<long>(name, count, shape); break;
            case TensorElementType.Int32: Share<int>(name, count, shape); break;
            case TensorElementType.Bool: Share<bool>(name, count, shape); break;
            case TensorElementType.UInt8: Share<byte>(name, count, shape); break;
            case TensorElementType.Int8: Share<sbyte>(name, count, shape); break;
            default:
                consumer.Add($"input '{name}' (manifest model.context) is {output.ElementType}; context tensors can be Float, Float16, Double, Int64, Int32, Bool, UInt8 or Int8.");
                break;
        }
    }

    private void Share<T>(string name, long count, long[] shape)
        where T : unmanaged
    {
        var buffer = new T[count];
        observationBinding!.BindOutput<T>(name, buffer, shape);
        stepBinding!.BindInput<T>(name, buffer, shape);
    }

    private IInferenceSession Load(string path, ILogger logger) =>
        Keep(options.SessionFactory?.Invoke(path, options.CreateSessionOptions()) ?? OnnxSession.Load(path, options.CreateSessionOptions(), logger));

    private T Keep<T>(T resource)
        where T : IDisposable
    {
        resources.Add(resource);
        return resource;
    }

    private void Release()
    {
        // Bindings were kept after their sessions; dispose in reverse so each binding goes before its session.
        for (int index = resources.Count - 1; index >= 0; index--)
        {
            resources[index].Dispose();
        }

        resources.Clear();
        stepBinding = null;
        observationBinding = null;
        stepSession = null;
        observationSession = null;
    }
}
