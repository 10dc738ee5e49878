using System.Numerics;

namespace RobotSdk.PolicyTraining;

/// <summary>
/// The policy network: a multilayer perceptron from the flattened image and the normalized state
/// (concatenated, image first) through two ReLU hidden layers to a normalized action chunk.
/// Weights are stored row-major as [inputs, outputs], the layout of ONNX's MatMul, so export is a copy.
/// </summary>
internal sealed class MlpPolicyNetwork
{
    /// <summary>Makes a network with He-initialized weights (seeded) and zero biases.</summary>
    public MlpPolicyNetwork(int inputLength, int hiddenLength, int outputLength, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLength, 1);
        InputLength = inputLength;
        HiddenLength = hiddenLength;
        OutputLength = outputLength;
        Weights1 = new float[inputLength * hiddenLength];
        Bias1 = new float[hiddenLength];
        Weights2 = new float[hiddenLength * hiddenLength];
        Bias2 = new float[hiddenLength];
        Weights3 = new float[hiddenLength * outputLength];
        Bias3 = new float[outputLength];
        var random = new Random(seed);
        Initialize(Weights1, inputLength, random);
        Initialize(Weights2, hiddenLength, random);
        Initialize(Weights3, hiddenLength, random);
    }

    /// <summary>Input numbers: image then state.</summary>
    public int InputLength { get; }

    /// <summary>Units per hidden layer.</summary>
    public int HiddenLength { get; }

    /// <summary>Output numbers: the normalized chunk.</summary>
    public int OutputLength { get; }

    /// <summary>First layer, [input, hidden].</summary>
    public float[] Weights1 { get; }

    /// <summary>First layer's bias.</summary>
    public float[] Bias1 { get; }

    /// <summary>Second layer, [hidden, hidden].</summary>
    public float[] Weights2 { get; }

    /// <summary>Second layer's bias.</summary>
    public float[] Bias2 { get; }

    /// <summary>Output layer, [hidden, output].</summary>
    public float[] Weights3 { get; }

    /// <summary>Output layer's bias.</summary>
    public float[] Bias3 { get; }

    /// <summary>Every parameter array, in a fixed order (for the optimizer).</summary>
    public float[][] Parameters => [Weights1, Bias1, Weights2, Bias2, Weights3, Bias3];

    /// <summary>
    /// Runs the network on one input, keeping the pre-activations (for backpropagation).
    /// </summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> hidden1, Span<float> hidden2, Span<float> output)
    {
        Layer(input, Weights1, Bias1, HiddenLength, hidden1);
        Relu(hidden1);
        Layer(hidden1, Weights2, Bias2, HiddenLength, hidden2);
        Relu(hidden2);
        Layer(hidden2, Weights3, Bias3, OutputLength, output);
    }

    /// <summary>Runs the network on one input.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output) =>
        Forward(input, new float[HiddenLength], new float[HiddenLength], output);

    /// <summary>y = b + Σ_i x_i W[i, :], W row-major [x.Length, y.Length].</summary>
    internal static void Layer(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int outputs, Span<float> output)
    {
        bias.CopyTo(output);
        for (int i = 0; i < input.Length; i++)
        {
            float x = input[i];
            if (x != 0)
            {
                AddScaled(weights.Slice(i * outputs, outputs), x, output);
            }
        }
    }

    /// <summary>destination += scale × source, vectorized.</summary>
    internal static void AddScaled(ReadOnlySpan<float> source, float scale, Span<float> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<float>(scale);
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var sum = new Vector<float>(destination[i..]) + (factor * new Vector<float>(source[i..]));
                sum.CopyTo(destination[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] += scale * source[i];
        }
    }

    /// <summary>Σ a_i b_i, vectorized.</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> partial = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                partial += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }

            sum = Vector.Sum(partial);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Relu(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0);
        }
    }

    private static void Initialize(float[] weights, int fanIn, Random random)
    {
        double deviation = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            weights[i] = (float)(deviation * gaussian);
        }
    }
}
