using RobotSdk.Policy.Onnx;

namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>The session reports the names, element types and shapes the generated models declare.</summary>
public sealed class OnnxSessionMetadataTests
{
    [Fact]
    public void Inputs_And_Outputs_ReportNamesTypesAndSymbolicDimensions()
    {
        var perceptron = new MultiLayerPerceptron(inputs: 6, hidden: 4, outputs: 5, seed: 1);
        using var session = OnnxSession.Load(TestModels.Perceptron(perceptron), TestModels.SingleThreaded());

        var input = Assert.Single(session.Inputs);
        Assert.Equal("state", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);
        Assert.Equal([TensorDimension.Symbolic("batch"), TensorDimension.Fixed(6)], input.Dimensions);
        Assert.True(input.Dimensions[0].IsDynamic);
        var output = Assert.Single(session.Outputs);
        Assert.Equal("action: Float[batch, 5]", output.ToString());
    }

    [Fact]
    public void Inputs_ListEveryInputInModelOrder_WithTheirElementTypes()
    {
        using var session = OnnxSession.Load(TestModels.Image(4, 5, TestModels.Weights(4 * 5 * 3 * 2, seed: 2)), TestModels.SingleThreaded());

        Assert.Equal(["image", "step"], session.Inputs.Select(input => input.Name));
        Assert.Equal([TensorElementType.UInt8, TensorElementType.Int64], session.Inputs.Select(input => input.ElementType));
        Assert.Equal("[1, 4, 5, 3]", session.Inputs[0].ShapeText);
        Assert.Equal(["features", "next_step"], session.Outputs.Select(output => output.Name));
        Assert.Equal([TensorElementType.Float, TensorElementType.Int64], session.Outputs.Select(output => output.ElementType));
    }

    [Fact]
    public void ExecutionProvider_IsCpu_WithNoFallbackReason_ByDefault()
    {
        using var session = OnnxSession.Load(TestModels.Affine(TestModels.Weights(12, 1), TestModels.Weights(3, 2)), TestModels.SingleThreaded());

        Assert.Equal("CPU", session.ExecutionProvider);
        Assert.Null(session.ExecutionProviderFallbackReason);
    }
}
