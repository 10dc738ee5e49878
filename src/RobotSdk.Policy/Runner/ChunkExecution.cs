namespace RobotSdk.Policy.Runner;

/// <summary>How a <see cref="PolicyRunner"/> turns a stream of action chunks into one action per control step (REFERENCE.md section 7).</summary>
public enum ChunkExecution
{
    /// <summary>
    /// openpi's action-chunk broker: execute the first s actions of a chunk, then observe and infer
    /// the next one. The arm holds its last target while the model computes, so every inference is
    /// a pause of its full duration; simplest, and the reference the other modes are compared with.
    /// </summary>
    Synchronous,

    /// <summary>
    /// Inference overlapped with execution: the next observation is taken when s − d steps of the
    /// current chunk have run (d the estimated delay), and the new chunk replaces the old one at the
    /// step it arrives, from the row that belongs to that step. No pause, but the switch can jump by
    /// however much two consecutive chunks disagree.
    /// </summary>
    Asynchronous,

    /// <summary>
    /// Real-time chunking (Black, Galliker, Levine 2025): scheduled like <see cref="Asynchronous"/>,
    /// and the new chunk is guided by what the previous one still plans (<see cref="ChunkPrefix"/>):
    /// a backend that inpaints does so while it computes; otherwise the runner blends the returned
    /// chunk with the prefix by the real-time-chunking weights (the guidance-free variant), so the
    /// switch is continuous.
    /// </summary>
    RealTimeChunking,

    /// <summary>
    /// ACT's temporal ensembling: a chunk every k steps, and each step's action is the weighted mean
    /// of every stored chunk's action for that step, w_i = exp(−m·i) with i = 0 the oldest chunk.
    /// Smooth, at the cost of an inference every k steps and some lag. Absolute action spaces only.
    /// </summary>
    TemporalEnsembling,
}
