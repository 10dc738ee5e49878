namespace RobotSdk.Policy.Runner;

/// <summary>
/// Fills a <see cref="PolicyObservation"/> from the robot before each inference: camera frames
/// preprocessed into its images and the state through <see cref="IEmbodiment.CaptureState"/>.
/// Called by the runner's inference thread, one call at a time, never from the control thread.
/// </summary>
public interface IObservationSource
{
    /// <summary>
    /// Captures the robot now into <paramref name="observation"/> and records in
    /// <paramref name="anchor"/> what the chunk computed from it is relative to. The runner has set
    /// <see cref="PolicyObservation.TimestampTicks"/> and <see cref="PolicyObservation.ControlStep"/>
    /// and the prompt before the call; the source may refine the timestamp to when the state was read.
    /// </summary>
    ValueTask CaptureAsync(PolicyObservation observation, ActionAnchor anchor, CancellationToken cancellationToken);
}
