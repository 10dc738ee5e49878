namespace RobotSdk.Policy.Runner;

/// <summary>
/// ACT's temporal ensembling over a ring of the most recent chunks, each stamped with the control
/// step its first row belongs to: the action for step t is Σ w_i a_t^(i) / Σ w_i over the stored
/// chunks that cover t, w_i = exp(−m·i), i = 0 the oldest (REFERENCE.md section 7). When the ring is
/// full a new chunk replaces the oldest. Allocates nothing after construction; not thread-safe.
/// </summary>
public sealed class TemporalEnsembler
{
    private readonly float[][] _chunks;
    private readonly long[] _firstSteps;
    private readonly double[] _sum;
    private readonly double _decay;
    private int _oldest;

    /// <summary>Allocates a ring of <paramref name="capacity"/> chunks of <paramref name="chunkLength"/> × <paramref name="dimensions"/>.</summary>
    /// <param name="chunkLength">H, actions per chunk, at least 1.</param>
    /// <param name="dimensions">Numbers per action, at least 1.</param>
    /// <param name="capacity">Chunks kept; ⌈H / k⌉ + 1 covers every chunk that can still apply when one arrives every k steps.</param>
    /// <param name="decay">m ≥ 0 (ACT: 0.01); larger favours older chunks more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public TemporalEnsembler(int chunkLength, int dimensions, int capacity, double decay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (!(decay >= 0 && double.IsFinite(decay)))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The ensembling decay m must be a finite number of at least 0.");
        }

        ChunkLength = chunkLength;
        Dimensions = dimensions;
        _decay = decay;
        _chunks = new float[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            _chunks[i] = new float[chunkLength * dimensions];
        }

        _firstSteps = new long[capacity];
        _sum = new double[dimensions];
    }

    /// <summary>H.</summary>
    public int ChunkLength { get; }

    /// <summary>Numbers per action.</summary>
    public int Dimensions { get; }

    /// <summary>Chunks stored now.</summary>
    public int Count { get; private set; }

    /// <summary>Stores <paramref name="chunk"/>, whose row r is the action for step <paramref name="firstStep"/> + r, replacing the oldest when full.</summary>
    /// <exception cref="ArgumentException">The chunk is not H × D, or it is older than the newest stored one.</exception>
    public void Add(ReadOnlySpan<float> chunk, long firstStep)
    {
        if (chunk.Length != ChunkLength * Dimensions)
        {
            throw new ArgumentException($"The chunk holds {chunk.Length} values; {ChunkLength} × {Dimensions} expected.", nameof(chunk));
        }

        if (Count > 0 && firstStep < _firstSteps[(_oldest + Count - 1) % _chunks.Length])
        {
            throw new ArgumentException($"Chunks must arrive in step order; step {firstStep} is older than the newest stored chunk.", nameof(firstStep));
        }

        int slot;
        if (Count == _chunks.Length)
        {
            slot = _oldest;
            _oldest = (_oldest + 1) % _chunks.Length;
        }
        else
        {
            slot = (_oldest + Count) % _chunks.Length;
            Count++;
        }

        chunk.CopyTo(_chunks[slot]);
        _firstSteps[slot] = firstStep;
    }

    /// <summary>Writes the ensembled action for <paramref name="step"/>; false (action untouched) when no stored chunk covers it.</summary>
    public bool TryCompute(long step, Span<float> action)
    {
        if (action.Length < Dimensions)
        {
            throw new ArgumentException($"The action span holds {action.Length} values; {Dimensions} expected.", nameof(action));
        }

        Array.Clear(_sum);
        double weightSum = 0;
        int age = 0;
        for (int n = 0; n < Count; n++)
        {
            int slot = (_oldest + n) % _chunks.Length;
            long row = step - _firstSteps[slot];
            if (row < 0 || row >= ChunkLength)
            {
                continue;
            }

            double weight = Math.Exp(-_decay * age);
            age++;
            weightSum += weight;
            ReadOnlySpan<float> values = _chunks[slot].AsSpan((int)row * Dimensions, Dimensions);
            for (int j = 0; j < Dimensions; j++)
            {
                _sum[j] += weight * values[j];
            }
        }

        if (age == 0)
        {
            return false;
        }

        for (int j = 0; j < Dimensions; j++)
        {
            action[j] = (float)(_sum[j] / weightSum);
        }

        return true;
    }

    /// <summary>Forgets every chunk.</summary>
    public void Clear()
    {
        Count = 0;
        _oldest = 0;
    }
}
