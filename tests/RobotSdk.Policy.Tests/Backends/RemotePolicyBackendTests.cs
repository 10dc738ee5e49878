using RobotSdk.Policy.Backends;
using RobotSdk.Policy.Manifest;
using RobotSdk.Policy.Msgpack;
using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Remote;
using RobotSdk.Policy.Runner;
using RobotSdk.Policy.Tests.Remote;

namespace RobotSdk.Policy.Tests.Backends;

/// <summary>
/// The remote backend against the openpi wire-format test server, whose policy answers
/// actions[i, :] = state + i (12 rows here), so rows and columns can be told apart.
/// </summary>
public sealed class RemotePolicyBackendTests(OpenpiTestServer server) : IClassFixture<OpenpiTestServer>
{
    private const int ChunkLength = 10;
    private const int Dimensions = 7;

    [Fact]
    public async Task Infer_SendsTheManifestsKeysGroupsLayoutsAndPrompt_AndTakesTheUsedRowsAndColumns()
    {
        PolicyManifest manifest = Manifest(new RemotePolicyModel(server.Uri("horizon=12")));
        await using IPolicyBackend created = PolicyBackends.Create(manifest);
        var backend = Assert.IsType<RemotePolicyBackend>(created);
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = Observation(manifest.Inputs);
        var chunk = new float[ChunkLength * Dimensions];

        await backend.InferAsync(observation, null, chunk, CancellationToken.None);

        float[] state = observation.State[0];
        for (int row = 0; row < ChunkLength; row++)
        {
            for (int column = 0; column < Dimensions; column++)
            {
                Assert.Equal(state[column] + row, chunk[(row * Dimensions) + column], 5);
            }
        }

        MsgpackMap received = Assert.IsType<MsgpackMap>(backend.LastInference!.Response["received"]);
        AssertArraySeen(received, "observation/image", "|u1", [6, 8, 3], observation.Images[0].Bytes!.Sum(value => (double)value));
        AssertArraySeen(received, "images/cam_high", "|u1", [3, 4, 4], observation.Images[1].Bytes!.Sum(value => (double)value));
        AssertArraySeen(received, "images/cam_low", "|u1", [3, 4, 4], observation.Images[2].Bytes!.Sum(value => (double)value));
        AssertArraySeen(received, "observation/state", "<f4", [8], state.Sum(value => (double)value));
        Assert.Equal("pick up the cube", Assert.IsType<MsgpackMap>(received["prompt"])["value"]);
        Assert.Equal(5, received.Count);
        Assert.Equal($"remote {server.Uri("horizon=12")}", backend.Description);
        Assert.False(backend.InpaintsPrefix);
    }

    [Fact]
    public async Task Infer_SendsTheObservationsPrompt_AndReusesTheConnection()
    {
        PolicyManifest manifest = Manifest(new RemotePolicyModel(server.Uri("horizon=12")));
        await using var backend = new RemotePolicyBackend(manifest);
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = Observation(manifest.Inputs);
        observation.Prompt = "open the drawer";
        var chunk = new float[ChunkLength * Dimensions];

        await backend.InferAsync(observation, null, chunk, CancellationToken.None);
        await backend.InferAsync(observation, null, chunk, CancellationToken.None);

        MsgpackMap received = Assert.IsType<MsgpackMap>(backend.LastInference!.Response["received"]);
        Assert.Equal("open the drawer", Assert.IsType<MsgpackMap>(received["prompt"])["value"]);
        Assert.Equal(1, backend.Client.ConnectionCount);
    }

    [Fact]
    public async Task Create_WithARemoteAddressOverride_RunsALocalManifestAgainstTheServer_WithTheApiKey()
    {
        PolicyManifest local = Manifest(new OnnxPolicyModel("/nonexistent/policy.onnx"));
        var options = new PolicyBackendOptions { RemoteAddress = server.Uri("horizon=12&auth=1"), ApiKey = OpenpiTestServer.ApiKey };
        await using IPolicyBackend backend = PolicyBackends.Create(local, options);
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = Observation(local.Inputs);
        var chunk = new float[ChunkLength * Dimensions];

        await backend.InferAsync(observation, null, chunk, CancellationToken.None);

        Assert.IsType<RemotePolicyBackend>(backend);
        Assert.Equal(observation.State[0][6] + 9, chunk[^1], 5);
    }

    [Fact]
    public async Task Start_WithoutTheApiKey_ThrowsTheClientsConnectionException()
    {
        var options = new PolicyBackendOptions { RemoteAddress = server.Uri("auth=1"), RemoteConnectAttempts = 1 };
        await using IPolicyBackend backend = PolicyBackends.Create(Manifest(new RemotePolicyModel(null)), options);

        var error = await Assert.ThrowsAsync<RemotePolicyConnectionException>(() => backend.StartAsync(CancellationToken.None));

        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Infer_WhenTheServerFails_ThrowsTheServerException_AndTheNextInferenceReconnects()
    {
        PolicyManifest failing = Manifest(new RemotePolicyModel(server.Uri("fail=1")));
        await using var backend = new RemotePolicyBackend(failing);
        await backend.StartAsync(CancellationToken.None);
        PolicyObservation observation = Observation(failing.Inputs);
        var chunk = new float[ChunkLength * Dimensions];

        var error = await Assert.ThrowsAsync<RemotePolicyServerException>(() => backend.InferAsync(observation, null, chunk, CancellationToken.None));

        Assert.Contains("the test policy was asked to fail", error.Message);
        await Assert.ThrowsAsync<RemotePolicyServerException>(() => backend.InferAsync(observation, null, chunk, CancellationToken.None));
        Assert.Equal(2, backend.Client.ConnectionCount);
    }

    [Fact]
    public async Task Infer_WhenTheServersChunkIsShorterThanTheManifests_ThrowsAProtocolExceptionNamingChunkLength()
    {
        PolicyManifest manifest = Manifest(new RemotePolicyModel(server.Uri("horizon=5")));
        await using var backend = new RemotePolicyBackend(manifest);
        await backend.StartAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<RemotePolicyProtocolException>(
            () => backend.InferAsync(Observation(manifest.Inputs), null, new float[ChunkLength * Dimensions], CancellationToken.None));

        Assert.Contains("the reply's \"actions\" is [5, 8]; the manifest needs at least actions.chunk_length 10 rows of actions.dimensions 7.", error.Message);
    }

    [Fact]
    public async Task Infer_WhenTheServerIsSlow_Terminate_AbandonsTheRequest()
    {
        PolicyManifest manifest = Manifest(new RemotePolicyModel(server.Uri("delay=30")));
        await using var backend = new RemotePolicyBackend(manifest);
        await backend.StartAsync(CancellationToken.None);

        Task inference = backend.InferAsync(Observation(manifest.Inputs), null, new float[ChunkLength * Dimensions], CancellationToken.None);
        // InferAsync returns once the request is in flight (waiting for the 30 s reply).
        Assert.False(inference.IsCompleted);
        backend.Terminate();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inference.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Create_WithoutAnyAddress_OrWithFloatImages_ThrowsNamingTheField()
    {
        var noAddress = Assert.Throws<ArgumentException>(() => PolicyBackends.Create(Manifest(new RemotePolicyModel(null))));
        Assert.Contains("model.address", noAddress.Message);

        PolicyManifest manifest = Manifest(new RemotePolicyModel(server.Uri()));
        ImageInput floatImage = manifest.Inputs.Images[0] with { ElementType = TensorElementType.Float, ValueRange = new ImageValueRange(0, 1) };
        PolicyManifest withFloats = manifest with { Inputs = manifest.Inputs with { Images = [floatImage] } };
        var floats = Assert.Throws<ArgumentException>(() => new RemotePolicyBackend(withFloats));
        Assert.Contains("manifest inputs.images[0]", floats.Message);
    }

    private static PolicyManifest Manifest(PolicyModel model) =>
        new(
            model,
            new PolicyInputs(
                [
                    new ImageInput("scene", "observation/image", null, 8, 6, ImageResize.WithPadding, ImageLayout.HeightWidthChannels, TensorElementType.UInt8, null),
                    new ImageInput("top", "cam_high", "images", 4, 4, ImageResize.WithPadding, ImageLayout.ChannelsHeightWidth, TensorElementType.UInt8, null),
                    new ImageInput("bottom", "cam_low", "images", 4, 4, ImageResize.WithPadding, ImageLayout.ChannelsHeightWidth, TensorElementType.UInt8, null),
                ],
                [new StateInput("observation/state", [.. Enumerable.Range(1, 8).Select(index => $"joint_{index}")], PadTo: null)],
                new PromptInput("prompt", null, null, null, "pick up the cube")),
            null,
            SingleGraphPolicy.Actions(ActionSpaceKind.JointAbsolute, Dimensions, 8, ChunkLength));

    private static PolicyObservation Observation(PolicyInputs inputs)
    {
        var observation = new PolicyObservation(inputs);
        var random = new Random(17);
        foreach (ObservationImage image in observation.Images)
        {
            random.NextBytes(image.Bytes!);
        }

        for (int index = 0; index < observation.State[0].Length; index++)
        {
            observation.State[0][index] = (float)((random.NextDouble() * 2) - 1);
        }

        return observation;
    }

    private static void AssertArraySeen(MsgpackMap received, string key, string dtype, int[] shape, double sum)
    {
        MsgpackMap entry = Assert.IsType<MsgpackMap>(received[key]);
        Assert.Equal("ndarray", entry["type"]);
        Assert.Equal(dtype, entry["dtype"]);
        Assert.Equal(shape.Select(dimension => (object?)(long)dimension), Assert.IsType<object?[]>(entry["shape"]));
        Assert.Equal(sum, Assert.IsType<double>(entry["sum"]), 3);
    }
}
