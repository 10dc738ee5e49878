namespace RobotSdk.Policy.Runner;

/// <summary>
/// The guidance weights W of real-time chunking (REFERENCE.md section 7): how strongly each step of a
/// new chunk must follow the previous chunk's plan Y. The first d steps (executed from the old chunk
/// while the new one was computed) get 1; the steps the old chunk still covers decay exponentially to
/// 0; the steps beyond its end get 0.
/// </summary>
public static class RealTimeChunkingWeights
{
    /// <summary>
    /// Writes W_i for i = 0 … H − 1: 1 for i &lt; d; c_i (e^{c_i} − 1) / (e − 1) with
    /// c_i = (H − s − i) / (H − s − d + 1) for d ≤ i &lt; H − s; 0 for i ≥ H − s.
    /// </summary>
    /// <param name="chunkLength">H, actions per chunk, at least 1.</param>
    /// <param name="shift">s, the steps of the previous chunk executed when the new observation was taken (Y is the previous chunk shifted left by s), 0 to H.</param>
    /// <param name="delay">d, the control steps the new chunk arrives after its observation, 0 to s.</param>
    /// <param name="weights">Destination, at least <paramref name="chunkLength"/> long.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public static void Compute(int chunkLength, int shift, int delay, Span<float> weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        if (shift < 0 || shift > chunkLength)
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, $"The shift must be within [0, {chunkLength}] (the chunk length).");
        }

        if (delay < 0 || delay > shift)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"The delay must be within [0, {shift}] (the shift).");
        }

        if (weights.Length < chunkLength)
        {
            throw new ArgumentException($"The weights span holds {weights.Length} values; the chunk has {chunkLength} steps.", nameof(weights));
        }

        int covered = chunkLength - shift; // steps the previous chunk still plans
        double denominator = covered - delay + 1;
        for (int i = 0; i < chunkLength; i++)
        {
            if (i < delay)
            {
                weights[i] = 1;
            }
            else if (i < covered)
            {
                double c = (covered - i) / denominator;
                weights[i] = (float)(c * (Math.Exp(c) - 1) / (Math.E - 1));
            }
            else
            {
                weights[i] = 0;
            }
        }
    }
}
