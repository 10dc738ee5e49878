namespace RobotSdk.Policy.Tests.Onnx;

/// <summary>Seeded weights of a two-layer perceptron and its C# reference forward pass.</summary>
internal sealed class MultiLayerPerceptron
{
    public MultiLayerPerceptron(int inputs, int hidden, int outputs, int seed)
    {
        Inputs = inputs;
        Hidden = hidden;
        Outputs = outputs;
        W1 = TestModels.Weights(inputs * hidden, seed);
        B1 = TestModels.Weights(hidden, seed + 1);
        W2 = TestModels.Weights(hidden * outputs, seed + 2);
        B2 = TestModels.Weights(outputs, seed + 3);
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public int Outputs { get; }

    public float[] W1 { get; }

    public float[] B1 { get; }

    public float[] W2 { get; }

    public float[] B2 { get; }

    /// <summary>relu(x·w1 + b1)·w2 + b2 for each row of <paramref name="state"/>, in double precision.</summary>
    public float[] Forward(float[] state, int batch)
    {
        var hidden = ReferenceMath.Relu(ReferenceMath.AddRow(ReferenceMath.MatMul(state, W1, batch, Inputs, Hidden), B1));
        return ReferenceMath.AddRow(ReferenceMath.MatMul(hidden, W2, batch, Hidden, Outputs), B2);
    }
}
