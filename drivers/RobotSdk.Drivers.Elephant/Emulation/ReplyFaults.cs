namespace RobotSdk.Drivers.Elephant.Emulation;

/// <summary>
/// Counts of replies to damage, and a probability of losing any reply, deciding the fate of each
/// reply in turn. Not thread-safe: the emulator holds its lock around every call.
/// </summary>
internal sealed class ReplyFaults
{
    private readonly Random _random;
    private readonly int[] _counts = new int[Enum.GetValues<ReplyFault>().Length];
    private double _dropProbability;

    public ReplyFaults(int seed) => _random = new Random(seed);

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> replies (replacing an earlier count).</summary>
    public void Set(ReplyFault fault, int count) => _counts[(int)fault] = count;

    /// <summary>Loses each reply with <paramref name="probability"/> (0 turns it off).</summary>
    public void SetDropProbability(double probability) => _dropProbability = probability;

    /// <summary>Forgets every count and the probability.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _dropProbability = 0;
    }

    /// <summary>The fate of the next reply; counted faults go first, in the enum's order, one per reply.</summary>
    public ReplyFault Next()
    {
        for (int i = 1; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                _counts[i]--;
                return (ReplyFault)i;
            }
        }

        return _dropProbability > 0 && _random.NextDouble() < _dropProbability ? ReplyFault.Drop : ReplyFault.None;
    }
}
