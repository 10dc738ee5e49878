using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

/// <summary>Captures only the state, through the embodiment, as the real source does after its cameras.</summary>
internal sealed class FakeObservationSource : IObservationSource
{
    public IEmbodiment? Embodiment { get; set; }

    public int Captures { get; private set; }

    public ValueTask CaptureAsync(PolicyObservation observation, ActionAnchor anchor, CancellationToken cancellationToken)
    {
        Captures++;
        Embodiment?.CaptureState(observation, anchor);
        return ValueTask.CompletedTask;
    }
}
