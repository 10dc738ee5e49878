namespace RobotSdk.Policy.Runner;

/// <summary>
/// The inference delay d in control steps, estimated as the median of the most recent delays
/// (a median, so one slow inference does not move the schedule). Used by the inference thread only.
/// </summary>
internal sealed class InferenceDelayEstimator
{
    private readonly int[] _recent;
    private readonly int[] _sorted;
    private int _count;
    private int _next;

    public InferenceDelayEstimator(int window)
    {
        _recent = new int[window];
        _sorted = new int[window];
    }

    public bool HasSamples => _count > 0;

    public void Add(int delaySteps)
    {
        _recent[_next] = delaySteps;
        _next = (_next + 1) % _recent.Length;
        _count = Math.Min(_count + 1, _recent.Length);
    }

    /// <summary>The median of the recent delays (the upper one of an even count, to err late); 0 without samples.</summary>
    public int Median()
    {
        if (_count == 0)
        {
            return 0;
        }

        Array.Copy(_recent, _sorted, _count);
        Array.Sort(_sorted, 0, _count);
        return _sorted[_count / 2];
    }
}
