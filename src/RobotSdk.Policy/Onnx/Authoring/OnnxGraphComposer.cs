using System.Globalization;

namespace RobotSdk.Policy.Onnx.Authoring;

/// <summary>
/// Transformer building blocks (linear layers, layer normalization, multi-head attention, GELU)
/// written as plain opset-17 ONNX nodes into an <see cref="OnnxModelBuilder"/>, with weights drawn
/// from a <see cref="SeededGaussian"/>. Every value gets a fresh name from its stem, so blocks can
/// be stacked without clashes; each method returns the name of the value it produced.
/// </summary>
internal sealed class OnnxGraphComposer(OnnxModelBuilder builder, SeededGaussian weights)
{
    private int counter;

    /// <summary>The model being built.</summary>
    public OnnxModelBuilder Builder => builder;

    /// <summary>A fresh value name.</summary>
    public string Fresh(string stem) => string.Create(CultureInfo.InvariantCulture, $"{stem}_{counter++}");

    /// <summary>A float initializer of Gaussian numbers with the given standard deviation.</summary>
    public string Gaussian(string stem, double standardDeviation, params long[] shape)
    {
        var name = Fresh(stem);
        builder.AddInitializer<float>(name, weights.Next(checked((int)TensorShapes.ElementCount(shape)), standardDeviation), shape);
        return name;
    }

    /// <summary>A float initializer holding <paramref name="values"/>.</summary>
    public string Constant(string stem, float[] values, params long[] shape)
    {
        var name = Fresh(stem);
        builder.AddInitializer<float>(name, values, shape);
        return name;
    }

    /// <summary>A float initializer whose every element is <paramref name="value"/>.</summary>
    public string Filled(string stem, float value, params long[] shape) =>
        Constant(stem, Enumerable.Repeat(value, checked((int)TensorShapes.ElementCount(shape))).ToArray(), shape);

    /// <summary>A one-dimensional int64 initializer (shapes, permutations, axes).</summary>
    public string Integers(string stem, params long[] values)
    {
        var name = Fresh(stem);
        builder.AddInitializer<long>(name, values, values.Length);
        return name;
    }

    /// <summary>Adds a node with one output named from its operator, or <paramref name="output"/> when given.</summary>
    public string Node(string operatorType, IReadOnlyList<string> inputs, string? output = null, params OnnxNodeAttribute[] attributes)
    {
        var name = output ?? Fresh(operatorType.ToLowerInvariant());
        builder.AddNode(operatorType, inputs, [name], attributes);
        return name;
    }

    /// <summary>x · W + b over the last axis, W ~ N(0, 1/inputs) so outputs keep the inputs' scale, b ~ N(0, 0.02²).</summary>
    public string Linear(string x, int inputs, int outputs, string stem, string? output = null)
    {
        var weight = Gaussian(stem + "_weight", 1.0 / Math.Sqrt(inputs), inputs, outputs);
        var bias = Gaussian(stem + "_bias", 0.02, outputs);
        return Node("Add", [Node("MatMul", [x, weight]), bias], output);
    }

    /// <summary>Layer normalization over the last axis (opset 17's LayerNormalization), scale 1 and bias 0 as at initialization.</summary>
    public string LayerNorm(string x, int width, string stem, string? output = null) =>
        Node(
            "LayerNormalization",
            [x, Filled(stem + "_scale", 1f, width), Filled(stem + "_bias", 0f, width)],
            output,
            OnnxNodeAttribute.Int("axis", -1),
            OnnxNodeAttribute.Float("epsilon", 1e-6f));

    /// <summary>GELU, exact form: 0.5 x (1 + erf(x / √2)) (the Gelu operator arrives only in opset 20).</summary>
    public string Gelu(string x)
    {
        var scaled = Node("Mul", [x, Constant("inverse_sqrt2", [(float)(1.0 / Math.Sqrt(2.0))], 1)]);
        var onePlus = Node("Add", [Node("Erf", [scaled]), Constant("one", [1f], 1)]);
        return Node("Mul", [Node("Mul", [x, onePlus]), Constant("half", [0.5f], 1)]);
    }

    /// <summary>Swish (SiLU): x · sigmoid(x), pi0's activation in the action-time MLP.</summary>
    public string Swish(string x) => Node("Mul", [x, Node("Sigmoid", [x])]);

    /// <summary>Reshape to a fixed shape.</summary>
    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Integers("shape", shape)]);

    /// <summary>Permute axes.</summary>
    public string Transpose(string x, params long[] permutation) =>
        Node("Transpose", [x], attributes: OnnxNodeAttribute.Ints("perm", permutation));

    /// <summary>
    /// Multi-head attention of <paramref name="queries"/> [1, Lq, width] over <paramref name="keysAndValues"/>
    /// [1, Lk, width]: per head softmax(q kᵀ / √d + mask) v, heads joined and projected back to width.
    /// <paramref name="additiveMask"/> is [1, 1, 1, Lk] (0 to attend, a large negative number to ignore), or null.
    /// </summary>
    public string Attention(string queries, string keysAndValues, int queryLength, int keyLength, int width, int heads, string? additiveMask, string stem)
    {
        var headWidth = width / heads;
        var query = Transpose(Reshape(Linear(queries, width, width, stem + "_query"), 1, queryLength, heads, headWidth), 0, 2, 1, 3);
        var keyTransposed = Transpose(Reshape(Linear(keysAndValues, width, width, stem + "_key"), 1, keyLength, heads, headWidth), 0, 2, 3, 1);
        var value = Transpose(Reshape(Linear(keysAndValues, width, width, stem + "_value"), 1, keyLength, heads, headWidth), 0, 2, 1, 3);
        var scores = Node("Mul", [Node("MatMul", [query, keyTransposed]), Constant("attention_scale", [(float)(1.0 / Math.Sqrt(headWidth))], 1)]);
        if (additiveMask is not null)
        {
            scores = Node("Add", [scores, additiveMask]);
        }

        var probabilities = Node("Softmax", [scores], attributes: OnnxNodeAttribute.Int("axis", -1));
        var perHead = Node("MatMul", [probabilities, value]);
        var joined = Reshape(Transpose(perHead, 0, 2, 1, 3), 1, queryLength, width);
        return Linear(joined, width, width, stem + "_output");
    }

    /// <summary>The position-wise MLP of a transformer block: Linear(width → 4·width), GELU, Linear(4·width → width).</summary>
    public string FeedForward(string x, int width, string stem) =>
        Linear(Gelu(Linear(x, width, 4 * width, stem + "_up")), 4 * width, width, stem + "_down");
}
