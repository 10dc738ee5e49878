using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Observation;

/// <summary>An embodiment without a robot: it writes a known state and anchor, and counts its captures.</summary>
internal sealed class RecordingEmbodiment : IEmbodiment
{
    public int ArmJointCount => 3;

    public int GripperCount => 1;

    public int ActionDimensions => 4;

    public int Captures { get; private set; }

    public ActionAnchor CreateAnchor() => new(ArmJointCount, GripperCount);

    public void CaptureState(PolicyObservation observation, ActionAnchor anchor)
    {
        Captures++;
        for (int vector = 0; vector < observation.State.Count; vector++)
        {
            for (int index = 0; index < observation.State[vector].Length; index++)
            {
                observation.State[vector][index] = (Captures * 10) + index;
            }
        }

        for (int joint = 0; joint < anchor.ArmPositions.Length; joint++)
        {
            anchor.ArmPositions[joint] = Captures + (joint * 0.1);
        }
    }

    public bool TryMapAction(ReadOnlySpan<float> action, ActionAnchor anchor, Span<double> armTargets, Span<double> gripperOpenFractions, out string? problem) =>
        throw new NotSupportedException("The observation tests never map actions.");
}
