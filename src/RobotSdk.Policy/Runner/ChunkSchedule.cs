namespace RobotSdk.Policy.Runner;

/// <summary>
/// The chunks a runner executes, stamped with the control steps they belong to, answering "which
/// action for control step k" without allocating. One thread publishes (inference), another asks
/// (control); both are safe together. For <see cref="ChunkExecution.TemporalEnsembling"/> every
/// published chunk joins a <see cref="TemporalEnsembler"/>; for the other modes the newest chunk
/// replaces the previous one at once, so a step gets the newest chunk's row for it.
/// </summary>
public sealed class ChunkSchedule
{
    /// <summary>A first step meaning "the first step that asks after publication gets row 0" (synchronous execution, where a chunk starts when it arrives).</summary>
    public const long AtFirstRequest = long.MinValue;

    // A spin lock, not Lock or Monitor: the sections are a few field writes, and a blocking lock
    // allocates its wait event the first time a thread has to wait, which the control thread must not.
    private SpinLock _lock = new(enableThreadOwnerTracking: false);
    private readonly TemporalEnsembler? _ensembler;
    private float[] _current;
    private float[] _spare;
    private long _currentFirstStep;
    private int _currentRows;
    private ActionAnchor? _currentAnchor;
    private ActionAnchor? _anchorInUse;
    private long _generation;
    private long _exhaustedGeneration;

    /// <summary>Allocates a queue for chunks of <paramref name="chunkLength"/> × <paramref name="dimensions"/>.</summary>
    /// <param name="chunkLength">H, at least 1.</param>
    /// <param name="dimensions">Numbers per action, at least 1.</param>
    /// <param name="execution">The execution mode; temporal ensembling keeps several chunks.</param>
    /// <param name="ensembleCapacity">Chunks the ensembler keeps (temporal ensembling only).</param>
    /// <param name="ensembleDecay">The ensembler's m (temporal ensembling only).</param>
    public ChunkSchedule(int chunkLength, int dimensions, ChunkExecution execution, int ensembleCapacity = 1, double ensembleDecay = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ChunkLength = chunkLength;
        Dimensions = dimensions;
        Execution = execution;
        _current = new float[chunkLength * dimensions];
        _spare = new float[chunkLength * dimensions];
        if (execution == ChunkExecution.TemporalEnsembling)
        {
            _ensembler = new TemporalEnsembler(chunkLength, dimensions, ensembleCapacity, ensembleDecay);
        }
    }

    /// <summary>H.</summary>
    public int ChunkLength { get; }

    /// <summary>Numbers per action.</summary>
    public int Dimensions { get; }

    /// <summary>The execution mode.</summary>
    public ChunkExecution Execution { get; }

    /// <summary>Chunks published so far; each publication's number is its generation (1, 2, …).</summary>
    public long PublishedGeneration => Interlocked.Read(ref _generation);

    /// <summary>The generation of the newest chunk a step found used up (0 until one was): the moment a synchronous runner infers again.</summary>
    public long ExhaustedGeneration => Interlocked.Read(ref _exhaustedGeneration);

    /// <summary>
    /// Makes <paramref name="chunk"/> the current chunk (or adds it to the ensemble): row r is the
    /// action for step <paramref name="firstStep"/> + r, for r &lt; <paramref name="rows"/>.
    /// Call from one thread at a time.
    /// </summary>
    /// <param name="chunk">H × D values, copied.</param>
    /// <param name="firstStep">The step of row 0, or <see cref="AtFirstRequest"/>.</param>
    /// <param name="rows">Rows that may be executed, 1 to H (synchronous execution: s).</param>
    /// <param name="anchor">What the chunk's actions are relative to; handed back with each action.</param>
    /// <returns>The chunk's generation.</returns>
    public long Publish(ReadOnlySpan<float> chunk, long firstStep, int rows, ActionAnchor? anchor)
    {
        if (chunk.Length != ChunkLength * Dimensions)
        {
            throw new ArgumentException($"The chunk holds {chunk.Length} values; {ChunkLength} × {Dimensions} expected.", nameof(chunk));
        }

        if (rows < 1 || rows > ChunkLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"The usable rows must be within [1, {ChunkLength}].");
        }

        if (_ensembler is not null && firstStep == AtFirstRequest)
        {
            throw new ArgumentException("Temporal ensembling needs the step of each chunk's first row.", nameof(firstStep));
        }

        if (_ensembler is null)
        {
            // Only the publisher touches the spare buffer, so the copy happens outside the lock.
            chunk.CopyTo(_spare);
        }

        bool taken = false;
        try
        {
            _lock.Enter(ref taken);
            if (_ensembler is not null)
            {
                _ensembler.Add(chunk, firstStep);
            }
            else
            {
                (_current, _spare) = (_spare, _current);
            }

            _currentFirstStep = firstStep;
            _currentRows = rows;
            _currentAnchor = anchor;
            _generation++;
            return _generation;
        }
        finally
        {
            if (taken)
            {
                _lock.Exit();
            }
        }
    }

    /// <summary>
    /// Writes the action for <paramref name="step"/> into <paramref name="action"/> (D values) and
    /// returns true with the anchor to map it with; false when no chunk covers the step (none yet,
    /// or the current one is used up). The anchor stays reserved (<see cref="IsAnchorReserved"/>)
    /// until <see cref="ReleaseAnchor"/>, so the publisher does not refill it while it is in use.
    /// </summary>
    public bool TryGetAction(long step, Span<float> action, out ActionAnchor? anchor)
    {
        bool taken = false;
        try
        {
            _lock.Enter(ref taken);
            anchor = _currentAnchor;
            if (_generation == 0)
            {
                return false;
            }

            if (_ensembler is not null)
            {
                if (_ensembler.TryCompute(step, action))
                {
                    _anchorInUse = anchor;
                    return true;
                }

                _exhaustedGeneration = _generation;
                return false;
            }

            if (_currentFirstStep == AtFirstRequest)
            {
                _currentFirstStep = step;
            }

            long row = step - _currentFirstStep;
            if (row < 0 || row >= _currentRows)
            {
                _exhaustedGeneration = _generation;
                return false;
            }

            _current.AsSpan((int)row * Dimensions, Dimensions).CopyTo(action);
            _anchorInUse = anchor;
            return true;
        }
        finally
        {
            if (taken)
            {
                _lock.Exit();
            }
        }
    }

    /// <summary>Ends the reservation of the anchor the last successful <see cref="TryGetAction"/> handed out.</summary>
    public void ReleaseAnchor()
    {
        bool taken = false;
        try
        {
            _lock.Enter(ref taken);
            _anchorInUse = null;
        }
        finally
        {
            if (taken)
            {
                _lock.Exit();
            }
        }
    }

    /// <summary>True while <paramref name="anchor"/> belongs to the current chunk or is being used for an action, so it must not be refilled.</summary>
    public bool IsAnchorReserved(ActionAnchor anchor)
    {
        bool taken = false;
        try
        {
            _lock.Enter(ref taken);
            return ReferenceEquals(anchor, _currentAnchor) || ReferenceEquals(anchor, _anchorInUse);
        }
        finally
        {
            if (taken)
            {
                _lock.Exit();
            }
        }
    }
}
