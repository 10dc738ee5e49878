using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Benchmarks;

/// <summary>No cameras: the observation is the state the embodiment captures.</summary>
internal sealed class StateOnlyObservations(IEmbodiment embodiment) : IObservationSource
{
    public ValueTask CaptureAsync(PolicyObservation observation, ActionAnchor anchor, CancellationToken cancellationToken)
    {
        embodiment.CaptureState(observation, anchor);
        return ValueTask.CompletedTask;
    }
}
