using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RobotSdk.Policy.Msgpack;
using RobotSdk.Policy.Remote;

namespace RobotSdk.Policy.Tests.Remote;

/// <summary>The remote policy client against a server that follows openpi's wire format (REFERENCE section 6).</summary>
public sealed class RemotePolicyClientTests(OpenpiTestServer server) : IClassFixture<OpenpiTestServer>
{
    [Fact]
    public async Task Connect_ReadsTheMetadataMessageFirst()
    {
        await using var client = new RemotePolicyClient(Options(""));
        await client.ConnectAsync();
        Assert.True(client.IsConnected);
        Assert.Equal(0, client.Metadata!.Count);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task Connect_ExposesAlohasResetPose_FromTheMetadata()
    {
        await using var client = new RemotePolicyClient(Options("metadata=aloha"));
        await client.ConnectAsync();
        object?[] pose = Assert.IsType<object?[]>(client.Metadata!["reset_pose"]);
        Assert.Equal([0.0, -0.96, 1.16, 0.0, -0.3, 0.0], pose.Cast<double>());
    }

    [Fact]
    public async Task Infer_LiberoObservation_ReturnsTheEchoedChunk_AndTheServerSeesNumpyArrays()
    {
        await using var client = new RemotePolicyClient(Options("horizon=10"));
        byte[] image = Pattern(224 * 224 * 3, seed: 3);
        byte[] wrist = Pattern(224 * 224 * 3, seed: 5);
        float[] state = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, 0.04f];
        var observation = new RemoteObservation()
            .AddImage("observation/image", image, 224, 224, ImageLayout.HeightWidthChannels)
            .AddImage("observation/wrist_image", wrist, 224, 224, ImageLayout.HeightWidthChannels)
            .AddState("observation/state", state)
            .AddPrompt("put the bowl on the plate");

        RemoteInference first = await client.InferAsync(observation);

        Assert.Equal(10, first.Actions.Horizon);
        Assert.Equal(8, first.Actions.Dimension);
        for (int step = 0; step < 10; step++)
        {
            for (int dimension = 0; dimension < 8; dimension++)
            {
                Assert.Equal(state[dimension] + step, first.Actions[step, dimension], 5);
            }
        }

        MsgpackMap received = Assert.IsType<MsgpackMap>(first.Response["received"]);
        AssertArraySeen(received, "observation/image", "|u1", [224, 224, 3], image.Sum(value => (double)value));
        AssertArraySeen(received, "observation/wrist_image", "|u1", [224, 224, 3], wrist.Sum(value => (double)value));
        AssertArraySeen(received, "observation/state", "<f4", [8], state.Sum(value => (double)value));
        Assert.Equal("put the bowl on the plate", Assert.IsType<MsgpackMap>(received["prompt"])["value"]);

        // numpy packed the arrays back (its tobytes): the same pixels, C order, in our reader.
        MsgpackMap echo = Assert.IsType<MsgpackMap>(first.Response["echo"]);
        var echoedImage = Assert.IsType<NumpyArray>(echo["observation/image"]);
        Assert.Equal([224, 224, 3], echoedImage.Shape);
        Assert.True(echoedImage.AsBytes().SequenceEqual(image));
        Assert.Equal(state, Assert.IsType<NumpyArray>(echo["observation/state"]).ToSingleArray());

        MsgpackMap scalars = Assert.IsType<MsgpackMap>(first.Response["scalars"]);
        Assert.Equal(1.5, Assert.IsType<NumpyScalar>(scalars["float32"]).ToDouble());
        Assert.Equal("<f4", Assert.IsType<NumpyScalar>(scalars["float32"]).Dtype.Text);
        Assert.Equal(-7L, Assert.IsType<NumpyScalar>(scalars["int64"]).Value);
        Assert.Equal(true, Assert.IsType<NumpyScalar>(scalars["bool"]).Value);

        Assert.Equal(1.25, first.PolicyInferMilliseconds);
        Assert.NotNull(first.ServerInferMilliseconds);
        Assert.Null(first.ServerPreviousTotalMilliseconds);
        RemoteInference second = await client.InferAsync(observation);
        Assert.NotNull(second.ServerPreviousTotalMilliseconds);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task Infer_AlohaObservation_SendsNestedChannelsFirstImages()
    {
        await using var client = new RemotePolicyClient(Options("horizon=50&state_key=state"));
        float[] state = [.. Enumerable.Range(0, 14).Select(index => index / 10f)];
        var observation = new RemoteObservation().AddState("state", state);
        RemoteObservation images = observation.AddGroup("images");
        string[] cameras = ["cam_high", "cam_low", "cam_left_wrist", "cam_right_wrist"];
        for (int camera = 0; camera < cameras.Length; camera++)
        {
            images.AddImage(cameras[camera], Pattern(3 * 224 * 224, seed: camera), 224, 224, ImageLayout.ChannelsHeightWidth);
        }

        observation.AddPrompt("fold the towel");

        RemoteInference inference = await client.InferAsync(observation);

        Assert.Equal(50, inference.Actions.Horizon);
        Assert.Equal(14, inference.Actions.Dimension);
        Assert.Equal(state[13] + 49, inference.Actions[49, 13], 4);
        MsgpackMap received = Assert.IsType<MsgpackMap>(inference.Response["received"]);
        for (int camera = 0; camera < cameras.Length; camera++)
        {
            AssertArraySeen(received, $"images/{cameras[camera]}", "|u1", [3, 224, 224], Pattern(3 * 224 * 224, seed: camera).Sum(value => (double)value));
        }
    }

    [Fact]
    public async Task Infer_Float64Actions_AreConvertedToSingles()
    {
        await using var client = new RemotePolicyClient(Options("dtype=f8&horizon=12&state_key=observation/joint_position"));
        var observation = new RemoteObservation()
            .AddImage("observation/exterior_image_1_left", Pattern(224 * 224 * 3, 1), 224, 224, ImageLayout.HeightWidthChannels)
            .AddImage("observation/wrist_image_left", Pattern(224 * 224 * 3, 2), 224, 224, ImageLayout.HeightWidthChannels)
            .AddState("observation/joint_position", new float[] { 0.5f, 0, 0, -1, 0, 1, 0 })
            .AddState("observation/gripper_position", new float[] { 0.25f })
            .AddPrompt("open the drawer");

        RemoteInference inference = await client.InferAsync(observation);

        MsgpackMap echo = Assert.IsType<MsgpackMap>(inference.Response["received"]);
        Assert.Contains("observation/gripper_position", echo.StringKeys);
        Assert.Equal(12, inference.Actions.Horizon);
        Assert.Equal(7, inference.Actions.Dimension);
        Assert.Equal(11.5f, inference.Actions[11, 0]);
    }

    [Fact]
    public async Task ApiKey_IsSentInTheAuthorizationHeader_AndAccepted()
    {
        await using var client = new RemotePolicyClient(Options("auth=1", apiKey: OpenpiTestServer.ApiKey));
        RemoteInference inference = await client.InferAsync(SmallObservation());
        Assert.Equal(10, inference.Actions.Horizon);
    }

    [Theory]
    [InlineData("wrong-key", "the server refused the API key")]
    [InlineData(null, "the server wants an API key")]
    public async Task RefusedApiKey_FailsAtOnce_WithTheHttpStatus(string? apiKey, string hint)
    {
        await using var client = new RemotePolicyClient(Options("auth=1", apiKey: apiKey));
        var error = await Assert.ThrowsAsync<RemotePolicyConnectionException>(() => client.ConnectAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task SlowServer_TimesOut_AndTheConnectionIsDropped()
    {
        await using var client = new RemotePolicyClient(Options("delay=60", requestTimeout: TimeSpan.FromMilliseconds(300)));
        await client.ConnectAsync();
        var error = await Assert.ThrowsAsync<RemotePolicyTimeoutException>(() => client.InferAsync(SmallObservation()));
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
        Assert.Contains("did not complete an inference within 300 ms", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task CallersCancellation_IsNotReportedAsATimeout_AndOneRequestRunsAtATime()
    {
        await using var client = new RemotePolicyClient(Options("delay=60"));
        await client.ConnectAsync();
        using var cancel = new CancellationTokenSource();
        Task<RemoteInference> slow = client.InferAsync(SmallObservation(), cancel.Token);
        var busy = await Assert.ThrowsAsync<InvalidOperationException>(() => client.InferAsync(SmallObservation()));
        Assert.Contains("one observation at a time", busy.Message, StringComparison.Ordinal);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
    }

    [Fact]
    public async Task ServerError_TextFrame_BecomesServerException_WithTracebackAndClose1011()
    {
        await using var client = new RemotePolicyClient(Options("fail=1"));
        var error = await Assert.ThrowsAsync<RemotePolicyServerException>(() => client.InferAsync(SmallObservation()));
        Assert.Equal(1011, error.CloseStatus);
        Assert.Contains("Traceback (most recent call last)", error.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("ValueError: the test policy was asked to fail", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task DroppedConnection_FailsThatRequest_AndTheNextOneReconnects()
    {
        var logger = new RecordingLogger();
        await using var client = new RemotePolicyClient(Options("drop_after=1"), logger);
        await client.InferAsync(SmallObservation());
        var lost = await Assert.ThrowsAsync<RemotePolicyConnectionException>(() => client.InferAsync(SmallObservation()));
        Assert.Contains("before it answered the observation", lost.Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("connection dropped", StringComparison.Ordinal));

        RemoteInference again = await client.InferAsync(SmallObservation());

        Assert.Equal(10, again.Actions.Horizon);
        Assert.Equal(2, client.ConnectionCount);
        Assert.Equal(0, client.Metadata!.Count);
        Assert.Equal(2, logger.Entries.Count(entry => entry.Level == LogLevel.Information && entry.Message.Contains("connected (attempt 1)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConnectionClosedWhileIdle_IsReopenedBeforeTheNextRequest()
    {
        var logger = new RecordingLogger();
        await using var client = new RemotePolicyClient(Options("close_after=1"), logger);
        await client.InferAsync(SmallObservation());
        Poll.Until(() => !client.IsConnected, "the client to notice the server's close while idle");

        RemoteInference again = await client.InferAsync(SmallObservation());

        Assert.Equal(10, again.Actions.Horizon);
        Assert.Equal(2, client.ConnectionCount);
        Assert.Contains(logger.Entries, entry => entry.Message.Contains("connection dropped: the server closed the connection (code 1000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoServer_FailsAfterTheBoundedAttempts()
    {
        int closedPort = FreePort();
        var logger = new RecordingLogger();
        await using var client = new RemotePolicyClient(
            new RemotePolicyOptions
            {
                ServerUri = new Uri($"ws://127.0.0.1:{closedPort}"),
                ConnectAttempts = 3,
                InitialBackoff = TimeSpan.FromMilliseconds(5),
                MaxBackoff = TimeSpan.FromMilliseconds(8),
            },
            logger);
        var error = await Assert.ThrowsAsync<RemotePolicyConnectionException>(() => client.InferAsync(SmallObservation()));
        Assert.Equal(3, error.Attempts);
        string[] retries = [.. logger.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message)];
        Assert.Equal(2, retries.Length);
        Assert.Contains("attempt 1 of 3 failed, retrying in 5 ms", retries[0], StringComparison.Ordinal);
        Assert.Contains("attempt 2 of 3 failed, retrying in 8 ms", retries[1], StringComparison.Ordinal);
        Assert.Contains("could not connect after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_IsTrueForTheServer_AndFalseWhereNothingListens()
    {
        await using var up = new RemotePolicyClient(Options(""));
        Assert.True(await up.CheckHealthAsync());
        await using var down = new RemotePolicyClient(new RemotePolicyOptions { ServerUri = new Uri($"ws://127.0.0.1:{FreePort()}") });
        Assert.False(await down.CheckHealthAsync());
    }

    [Fact]
    public async Task IdleClient_AnswersTheServersKeepalivePings()
    {
        // Python's websockets closes connections whose pings go unanswered; the client answers while idle.
        await using var client = new RemotePolicyClient(Options("ping=1"));
        await client.ConnectAsync();
        Poll.Until(() => server.Printed("PONG"), "the server to receive the idle client's pong", timeoutMs: 30_000);
        Assert.True(client.IsConnected);
    }

    [Theory]
    [InlineData("reply=no_actions", "the reply has no \"actions\"; its keys are \"policy_timing\", \"received\"")]
    [InlineData("reply=not_msgpack", "the reply is not valid msgpack: msgpack: unknown type byte 0xc1")]
    [InlineData("reply=actions_1d", "is ndarray(dtype=<f4, shape=(8)), expected a 2-D <f4 or <f8 array [H, D]")]
    [InlineData("reply=actions_int", "is ndarray(dtype=<i4, shape=(10, 8)), expected a 2-D <f4 or <f8 array [H, D]")]
    public async Task MalformedReply_IsAProtocolError_NamingWhatIsWrong(string query, string problem)
    {
        await using var client = new RemotePolicyClient(Options(query));
        var error = await Assert.ThrowsAsync<RemotePolicyProtocolException>(() => client.InferAsync(SmallObservation()));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithoutAWebSocketAddress_AreRefused()
    {
        Assert.Contains("ServerUri is required", Assert.Throws<ArgumentException>(() => new RemotePolicyClient(new RemotePolicyOptions())).Message, StringComparison.Ordinal);
        var http = new RemotePolicyOptions { ServerUri = new Uri("http://127.0.0.1:8000") };
        Assert.Contains("ws:// or wss://", Assert.Throws<ArgumentException>(() => new RemotePolicyClient(http)).Message, StringComparison.Ordinal);
        var attempts = new RemotePolicyOptions { ServerUri = new Uri("ws://127.0.0.1:8000"), ConnectAttempts = 0 };
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemotePolicyClient(attempts));
    }

    [Fact]
    public void Observation_RefusesDuplicateKeys_AndImagesOfTheWrongSize()
    {
        var observation = new RemoteObservation().AddState("state", new float[2]);
        Assert.Contains("already has an entry 'state'", Assert.Throws<ArgumentException>(() => observation.AddPrompt("x", "state")).Message, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => observation.AddImage("image", new byte[10], 2, 2, ImageLayout.HeightWidthChannels));
        Assert.Contains("needs 12 bytes, got 10", error.Message, StringComparison.Ordinal);
    }

    private RemotePolicyOptions Options(string query, string? apiKey = null, TimeSpan? requestTimeout = null) => new()
    {
        ServerUri = server.Uri(query),
        ApiKey = apiKey,
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(60),
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ConnectAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
    };

    private static RemoteObservation SmallObservation() => new RemoteObservation()
        .AddImage("observation/image", Pattern(8 * 8 * 3, 7), 8, 8, ImageLayout.HeightWidthChannels)
        .AddState("observation/state", new float[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        .AddPrompt("test");

    private static byte[] Pattern(int length, int seed) => [.. Enumerable.Range(0, length).Select(index => (byte)((index * 31 + seed * 17) % 251))];

    private static void AssertArraySeen(MsgpackMap received, string key, string dtype, int[] shape, double sum)
    {
        MsgpackMap entry = Assert.IsType<MsgpackMap>(received[key]);
        Assert.Equal("ndarray", entry["type"]);
        Assert.Equal(dtype, entry["dtype"]);
        Assert.Equal(shape.Select(dimension => (object?)(long)dimension), Assert.IsType<object?[]>(entry["shape"]));
        Assert.Equal(sum, Assert.IsType<double>(entry["sum"]), 3);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
