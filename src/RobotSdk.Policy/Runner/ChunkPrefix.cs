namespace RobotSdk.Policy.Runner;

/// <summary>
/// Real-time chunking's guide for the next chunk: what the previous chunk still plans for the
/// steps after the new observation (Y, the previous chunk shifted left by the steps already
/// executed), the inference delay d in control steps, and the weight W_i each step of Y gets
/// (1 for i &lt; d, decaying to 0 at H − s; REFERENCE.md section 7). Buffers are reused.
/// </summary>
public sealed class ChunkPrefix
{
    /// <summary>Allocates a prefix for chunks of <paramref name="chunkLength"/> × <paramref name="dimensions"/>.</summary>
    public ChunkPrefix(int chunkLength, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ChunkLength = chunkLength;
        Dimensions = dimensions;
        Actions = new float[chunkLength * dimensions];
        Weights = new float[chunkLength];
    }

    /// <summary>H.</summary>
    public int ChunkLength { get; }

    /// <summary>Numbers per action.</summary>
    public int Dimensions { get; }

    /// <summary>Y: ChunkLength × Dimensions, row-major, action units; rows past the previous chunk's end repeat its last action.</summary>
    public float[] Actions { get; }

    /// <summary>W: one weight per step, 0 to 1.</summary>
    public float[] Weights { get; }

    /// <summary>d: control steps the new chunk arrives after its observation (the steps it cannot change).</summary>
    public int Delay { get; set; }
}
