using RobotSdk.Policy.Onnx;
using RobotSdk.Policy.Onnx.Authoring;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>The model writer refuses graphs it can tell are broken, with messages naming the value.</summary>
public sealed class OnnxModelBuilderTests
{
    [Fact]
    public void AddNode_ReadingAnUndefinedValue_NamesIt()
    {
        var builder = new OnnxModelBuilder("g").AddInput("x", TensorElementType.Float, 1);

        var exception = Assert.Throws<ArgumentException>(() => builder.AddNode("Add", ["x", "bias"], ["y"]));

        Assert.Contains("reads 'bias'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAnOutputNoNodeProduces_NamesIt()
    {
        var builder = new OnnxModelBuilder("g")
            .AddInput("x", TensorElementType.Float, 1)
            .AddNode("Relu", ["x"], ["y"])
            .AddOutput("z", TensorElementType.Float, 1);

        var exception = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("'z'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInitializer_WithShapeNotMatchingTheValues_IsRejected()
    {
        var builder = new OnnxModelBuilder("g");

        var exception = Assert.Throws<ArgumentException>(() => builder.AddInitializer<float>("w", new float[5], 2, 3));

        Assert.Contains("shape [2, 3] but 5 values", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInput_TwiceWithOneName_IsRejected()
    {
        var builder = new OnnxModelBuilder("g").AddInput("x", TensorElementType.Float, 1);

        Assert.Throws<ArgumentException>(() => builder.AddInput("x", TensorElementType.Float, 1));
    }
}
