using Microsoft.Extensions.Logging;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Backends;

/// <summary>
/// Asks an openpi policy server for each chunk (<see cref="RemotePolicyModel"/>, or any manifest with
/// <see cref="PolicyBackendOptions.RemoteAddress"/> set): the observation is sent under the manifest's
/// keys (images as uint8 [H, W, 3] or [3, H, W] per input, inside their <c>group</c> map when one is
/// named; raw state vectors; the prompt), and the reply's <c>actions</c> [H, D] gives the chunk's
/// first <c>chunk_length</c> rows and <c>dimensions</c> columns. No normalization happens here: the
/// server normalizes and tokenizes itself.
/// </summary>
/// <remarks>
/// Failures surface as the client's typed exceptions (<see cref="RemotePolicyTimeoutException"/>,
/// <see cref="RemotePolicyServerException"/>, <see cref="RemotePolicyProtocolException"/>,
/// <see cref="RemotePolicyConnectionException"/>, all <see cref="RemotePolicyException"/>), which the
/// runner catches to hold the arm or switch to its fallback policy; the next inference reconnects.
/// <see cref="Terminate"/> abandons the request in flight (the connection is dropped, as a late reply
/// would answer the wrong request).
/// </remarks>
public sealed class RemotePolicyBackend : IPolicyBackend
{
    private readonly PolicyManifest manifest;
    private readonly RemotePolicyClient client;
    private readonly RemoteObservation request = new();
    private readonly Lock terminateGate = new();
    private CancellationTokenSource? inFlight;

    /// <summary>Creates the backend and its client; nothing is opened until <see cref="StartAsync"/>.</summary>
    /// <param name="manifest">The manifest: its inputs name the observation keys, its actions the chunk.</param>
    /// <param name="options">The server (overrides the manifest's address), API key and timeouts; defaults when null.</param>
    /// <exception cref="ArgumentException">No server address (neither the manifest's <c>model.address</c> nor the options'), or an image input that is not uint8.</exception>
    public RemotePolicyBackend(PolicyManifest manifest, PolicyBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new PolicyBackendOptions();
        this.manifest = manifest;
        Uri server = options.RemoteAddress ?? (manifest.Model as RemotePolicyModel)?.Address
            ?? throw new ArgumentException(
                manifest.Model is RemotePolicyModel
                    ? "The manifest's remote model has no model.address; give the server with PolicyBackendOptions.RemoteAddress (the CLI's --remote)."
                    : $"The manifest's model is {manifest.Model.GetType().Name}; a remote backend needs PolicyBackendOptions.RemoteAddress.",
                nameof(manifest));
        for (int index = 0; index < manifest.Inputs.Images.Count; index++)
        {
            ImageInput image = manifest.Inputs.Images[index];
            if (image.ElementType != TensorElementType.UInt8)
            {
                throw new ArgumentException($"Image '{image.Name}' (manifest inputs.images[{index}]) is {image.ElementType}; openpi servers take uint8 images.", nameof(manifest));
            }
        }

        client = new RemotePolicyClient(
            new RemotePolicyOptions
            {
                ServerUri = server,
                ApiKey = options.ApiKey,
                RequestTimeout = options.RemoteRequestTimeout,
                ConnectTimeout = options.RemoteConnectTimeout,
                ConnectAttempts = options.RemoteConnectAttempts,
            },
            options.LoggerFactory?.CreateLogger<RemotePolicyClient>());
    }

    /// <inheritdoc/>
    public string Description => $"remote {client.Server}";

    /// <summary>False: the server returns whole chunks, so the runner blends them with the prefix.</summary>
    public bool InpaintsPrefix => false;

    /// <summary>The client (its metadata, connection count and health check).</summary>
    public RemotePolicyClient Client => client;

    /// <summary>The last successful reply (chunk, server timings, round trip), or null.</summary>
    public RemoteInference? LastInference { get; private set; }

    /// <summary>Connects and reads the server's metadata.</summary>
    /// <exception cref="RemotePolicyConnectionException">No connection could be made, or the API key was refused.</exception>
    public Task StartAsync(CancellationToken cancellationToken) => client.IsConnected ? Task.CompletedTask : client.ConnectAsync(cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="RemotePolicyException">The server failed, timed out, answered malformed or too small a chunk, or the connection was lost.</exception>
    /// <exception cref="ArgumentException">The chunk buffer is too short, or the observation does not match the manifest.</exception>
    public async Task InferAsync(PolicyObservation observation, ChunkPrefix? prefix, Memory<float> chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ActionSpace space = manifest.Actions;
        ActionColumns.CheckChunk(chunk, space.ChunkLength, space.Dimensions);
        Compose(observation);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (terminateGate)
        {
            inFlight = linked;
        }

        RemoteInference reply;
        try
        {
            reply = await client.InferAsync(request, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (terminateGate)
            {
                inFlight = null;
            }
        }

        ActionChunk actions = reply.Actions;
        if (actions.Horizon < space.ChunkLength || actions.Dimension < space.Dimensions)
        {
            throw new RemotePolicyProtocolException(
                client.Server,
                $"the reply's \"actions\" is [{actions.Horizon}, {actions.Dimension}]; the manifest needs at least actions.chunk_length {space.ChunkLength} rows of actions.dimensions {space.Dimensions}.");
        }

        ActionColumns.Extract(actions.Values, actions.Dimension, space.Dimensions, space.ChunkLength, actions: null, chunk.Span);
        LastInference = reply;
    }

    /// <inheritdoc/>
    public void Terminate()
    {
        lock (terminateGate)
        {
            inFlight?.Cancel();
        }
    }

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => client.DisposeAsync();

    /// <summary>The observation map under the manifest's keys; pixels and states are referenced, not copied.</summary>
    private void Compose(PolicyObservation observation)
    {
        PolicyInputs inputs = manifest.Inputs;
        if (observation.Images.Count != inputs.Images.Count || observation.State.Count != inputs.State.Count)
        {
            throw new ArgumentException(
                $"The observation has {observation.Images.Count} image(s) and {observation.State.Count} state vector(s); the manifest's inputs have {inputs.Images.Count} and {inputs.State.Count}.",
                nameof(observation));
        }

        request.Clear();
        var groups = new Dictionary<string, RemoteObservation>(StringComparer.Ordinal);
        for (int index = 0; index < inputs.Images.Count; index++)
        {
            ImageInput image = inputs.Images[index];
            byte[] pixels = observation.Images[index].Bytes
                ?? throw new ArgumentException($"Image '{image.Name}' (manifest inputs.images[{index}]) has no uint8 pixels in the observation.", nameof(observation));
            RemoteObservation target = request;
            if (image.Group is { } group && !groups.TryGetValue(group, out target!))
            {
                target = request.AddGroup(group);
                groups.Add(group, target);
            }

            target.AddImage(image.Name, pixels, image.Height, image.Width, image.Layout);
        }

        for (int index = 0; index < inputs.State.Count; index++)
        {
            StateInput state = inputs.State[index];
            float[] values = observation.State[index];
            if (values.Length != state.Joints.Count)
            {
                throw new ArgumentException($"State '{state.Name}' (manifest inputs.state[{index}]) has {state.Joints.Count} joints; the observation holds {values.Length} values.", nameof(observation));
            }

            request.AddState(state.Name, values);
        }

        if (inputs.Prompt is { } prompt)
        {
            string text = observation.Prompt ?? prompt.DefaultText
                ?? throw new InvalidOperationException($"The policy takes a prompt ('{prompt.Name}') but the observation has none and the manifest sets no inputs.prompt.default.");
            request.AddPrompt(text, prompt.Name);
        }
    }
}
