namespace RobotSdk.Policy.Manifest;

/// <summary>
/// A flow-matching policy whose denoising step the runner drives (manifest <c>"kind": "flow-matching"</c>):
/// starting from seeded Gaussian noise at time <see cref="TimeStart"/>, it calls the step graph
/// <see cref="Steps"/> times, each time moving the actions by <c>(TimeEnd − TimeStart) / Steps</c>
/// times the velocity (Euler). pi0 runs 10 steps from t = 1 (noise) to t = 0 (data).
/// When <see cref="ObservationGraphPath"/> is set, that graph runs once per chunk on the
/// observation inputs and its outputs named in <see cref="ContextNames"/> (for example a prefix KV cache) feed the
/// step graph's inputs of the same names; otherwise the step graph takes the observation inputs itself.
/// </summary>
/// <param name="StepGraphPath">Full path of the denoising step graph.</param>
/// <param name="ObservationGraphPath">Full path of the graph that embeds the observation once per chunk, or null.</param>
/// <param name="ContextNames">Outputs of the observation graph passed to the step graph (empty without one).</param>
/// <param name="NoisyActionsName">Step graph input holding the current actions [1, H, D] (x_t).</param>
/// <param name="TimeName">Step graph input holding the time t.</param>
/// <param name="VelocityName">Step graph output holding the velocity [1, H, D].</param>
/// <param name="Steps">Number of Euler steps (10 for pi0).</param>
/// <param name="NoiseSeed">Seed of the initial noise, for reproducible chunks; null draws a fresh seed per runner.</param>
/// <param name="TimeStart">Time of pure noise (1 for openpi).</param>
/// <param name="TimeEnd">Time of clean actions (0 for openpi).</param>
public sealed record FlowMatchingPolicyModel(
    string StepGraphPath,
    string? ObservationGraphPath,
    IReadOnlyList<string> ContextNames,
    string NoisyActionsName,
    string TimeName,
    string VelocityName,
    int Steps = FlowMatchingPolicyModel.DefaultSteps,
    int? NoiseSeed = null,
    double TimeStart = 1.0,
    double TimeEnd = 0.0) : PolicyModel
{
    /// <summary>pi0's number of Euler steps.</summary>
    public const int DefaultSteps = 10;
}
