using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>Bad models and bad bindings fail with typed exceptions whose messages say what and where.</summary>
public sealed class OnnxSessionErrorTests
{
    private static OnnxSession LoadPerceptron() =>
        OnnxSession.Load(TestModels.Perceptron(new MultiLayerPerceptron(inputs: 6, hidden: 4, outputs: 5, seed: 1)), TestModels.SingleThreaded());

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound_NamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"robotsdk-missing-{Guid.NewGuid():N}.onnx");

        var exception = Assert.Throws<FileNotFoundException>(() => OnnxSession.Load(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptBytes_ThrowsOnnxRuntimeException_WithTheRuntimesCodeAndMessage()
    {
        var model = TestModels.Affine(TestModels.Weights(12, 1), TestModels.Weights(3, 2));
        var corrupt = model[..(model.Length / 2)];

        var exception = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(corrupt, TestModels.SingleThreaded()));

        Assert.Equal(OnnxRuntimeErrorCode.InvalidProtobuf, exception.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(exception.NativeMessage));
        Assert.Contains($"loading a model from {corrupt.Length} bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GraphWithUnknownOperator_ThrowsOnnxRuntimeException_NamingTheOperator()
    {
        var model = new RobotSdk.Policy.Onnx.Authoring.OnnxModelBuilder("bad")
            .AddInput("x", TensorElementType.Float, 1)
            .AddNode("NoSuchOperator", ["x"], ["y"])
            .AddOutput("y", TensorElementType.Float, 1)
            .Build();

        var exception = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(model, TestModels.SingleThreaded()));

        Assert.Contains("NoSuchOperator", exception.NativeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyModel_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => OnnxSession.Load(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void BindInput_WrongShape_NamesTheInputAndBothShapes()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();

        var exception = Assert.Throws<ArgumentException>(() => binding.BindInput<float>("state", new float[14], [2, 7]));

        Assert.Contains("'state'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[batch, 6]", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 7]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindInput_WrongRank_IsRejected()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();

        var exception = Assert.Throws<ArgumentException>(() => binding.BindInput<float>("state", new float[6], [6]));

        Assert.Contains("expects shape [batch, 6]; the shape given is [6]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindInput_WrongElementType_NamesBothTypes()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();

        var exception = Assert.Throws<ArgumentException>(() => binding.BindInput<double>("state", new double[6], [1, 6]));

        Assert.Contains("'state' expects Float elements", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Double", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindInput_BufferLengthDifferentFromShape_IsRejected()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();

        var exception = Assert.Throws<ArgumentException>(() => binding.BindInput<float>("state", new float[11], [2, 6]));

        Assert.Contains("(12 elements) but the buffer holds 11", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindInput_UnknownName_ListsTheModelsInputs()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();

        var exception = Assert.Throws<ArgumentException>(() => binding.BindInput<float>("observation", new float[6], [1, 6]));

        Assert.Contains("no input named 'observation'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("state: Float[batch, 6]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindOutput_WrongShape_NamesTheOutput()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();

        var exception = Assert.Throws<ArgumentException>(() => binding.BindOutput<float>("action", new float[4], [1, 4]));

        Assert.Contains("output 'action' expects shape [batch, 5]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithAnUnboundInput_SaysWhichInput()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();
        binding.BindOutput<float>("action", new float[5], [1, 5]);

        var exception = Assert.Throws<InvalidOperationException>(binding.Run);

        Assert.Contains("input 'state' is not bound", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithInputAndOutputBatchesThatDisagree_ThrowsTheRuntimesError()
    {
        using var session = LoadPerceptron();
        using var binding = session.CreateBinding();
        binding.BindInput<float>("state", new float[12], [2, 6]);
        binding.BindOutput<float>("action", new float[15], [3, 5]);

        var exception = Assert.Throws<OnnxRuntimeException>(binding.Run);

        Assert.Equal("running the model", exception.Operation);
    }

    [Fact]
    public void Options_NegativeThreadCount_IsRejectedBeforeLoading()
    {
        var options = new OnnxSessionOptions { IntraOpThreadCount = -1 };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.Load(TestModels.Affine(TestModels.Weights(12, 1), TestModels.Weights(3, 2)), options));

        Assert.Equal(nameof(OnnxSessionOptions.IntraOpThreadCount), exception.ParamName);
    }

    [Fact]
    public void Binding_AfterSessionDispose_IsDisposedToo()
    {
        var session = LoadPerceptron();
        var binding = session.CreateBinding();
        binding.BindInput<float>("state", new float[6], [1, 6]);
        binding.BindOutput<float>("action", new float[5], [1, 5]);

        session.Dispose();

        Assert.Throws<ObjectDisposedException>(binding.Run);
        Assert.Throws<ObjectDisposedException>(() => session.CreateBinding());
    }
}
