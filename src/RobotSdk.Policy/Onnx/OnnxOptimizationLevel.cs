namespace RobotSdk.Policy.Onnx;

/// <summary>How much ONNX Runtime rewrites the graph at load (<c>GraphOptimizationLevel</c>, same numbers).</summary>
public enum OnnxOptimizationLevel
{
    /// <summary>No graph optimization.</summary>
    Disabled = 0,

    /// <summary>Semantics-preserving rewrites such as constant folding and redundant node removal.</summary>
    Basic = 1,

    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimizations (the runtime's default).</summary>
    All = 99,
}
