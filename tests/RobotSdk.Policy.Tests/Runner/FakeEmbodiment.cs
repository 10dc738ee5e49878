using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

/// <summary>
/// Maps action numbers 0-4 to the five arm joints and number 5 to the gripper, and records every
/// mapped action (preallocated, so the control thread still allocates nothing). Actions whose
/// number 1 equals <see cref="UnmappableMarker"/> are refused, after scribbling NaN into the targets.
/// </summary>
internal sealed class FakeEmbodiment : IEmbodiment
{
    public const string Problem = "unreachable test pose";
    private const int Capacity = 100_000;
    private readonly float[] _recorded = new float[Capacity * RunnerTestRig.Dimensions];
    private int _count;

    public float UnmappableMarker { get; set; } = float.NaN;

    public int ArmJointCount => 5;

    public int GripperCount => 1;

    public int ActionDimensions => RunnerTestRig.Dimensions;

    public int Captures { get; private set; }

    public int RecordedCount => Volatile.Read(ref _count);

    /// <summary>The mapped actions, in control-step order (refused ones included).</summary>
    public float[][] Recorded()
    {
        int count = Volatile.Read(ref _count);
        return [.. Enumerable.Range(0, count).Select(i => _recorded.AsSpan(i * RunnerTestRig.Dimensions, RunnerTestRig.Dimensions).ToArray())];
    }

    public ActionAnchor CreateAnchor() => new(ArmJointCount, GripperCount);

    public void CaptureState(PolicyObservation observation, ActionAnchor anchor)
    {
        Captures++;
        observation.State[0].AsSpan().Clear();
    }

    public bool TryMapAction(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> armTargets, Span<double> gripperOpenFractions, out string? problem)
    {
        if (_count < Capacity)
        {
            action.CopyTo(_recorded.AsSpan(_count * RunnerTestRig.Dimensions, RunnerTestRig.Dimensions));
            Volatile.Write(ref _count, _count + 1);
        }

        if (action[1] == UnmappableMarker)
        {
            armTargets.Fill(double.NaN); // the runner must not send what a failed map left behind
            problem = Problem;
            return false;
        }

        for (int i = 0; i < ArmJointCount; i++)
        {
            armTargets[i] = action[i];
        }

        gripperOpenFractions[0] = action[5];
        problem = null;
        return true;
    }
}
