using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Benchmarks;

/// <summary>
/// Joint-absolute actions onto the arm (the last action number, the control step, is not mapped),
/// recording every executed action and whether it came from a new chunk (its anchor changed), into
/// buffers allocated up front so the control thread stays allocation-free.
/// </summary>
internal sealed class RecordingEmbodiment(int joints, int capacity) : IEmbodiment
{
    private readonly float[] _actions = new float[capacity * (joints + 1)];
    private readonly bool[] _switches = new bool[capacity];
    private ActionAnchor? _lastAnchor;
    private int _count;

    public int ArmJointCount => joints;

    public int GripperCount => 0;

    public int ActionDimensions => joints + 1;

    public int Count => Volatile.Read(ref _count);

    public ReadOnlySpan<float> Action(int index) => _actions.AsSpan(index * (joints + 1), joints + 1);

    public bool IsSwitch(int index) => _switches[index];

    public void Clear()
    {
        _count = 0;
        _lastAnchor = null;
    }

    public ActionAnchor CreateAnchor() => new(joints, 0);

    public void CaptureState(PolicyObservation observation, ActionAnchor anchor)
    {
    }

    public bool TryMapAction(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> armTargets, Span<double> gripperOpenFractions, out string? problem)
    {
        if (_count < capacity)
        {
            action.CopyTo(_actions.AsSpan(_count * (joints + 1), joints + 1));
            _switches[_count] = _lastAnchor is not null && !ReferenceEquals(anchor, _lastAnchor);
            Volatile.Write(ref _count, _count + 1);
        }

        _lastAnchor = anchor;
        for (int j = 0; j < joints; j++)
        {
            armTargets[j] = action[j];
        }

        problem = null;
        return true;
    }
}
