namespace RobotSdk.Policy.Manifest;

/// <summary>
/// Everything a runner needs to drive an arm with a policy: the model, what it observes and how
/// the observation is prepared, how state and actions are normalized, and what its actions mean.
/// Read and written by <see cref="PolicyManifestFile"/>; file paths are full paths here and
/// relative to the manifest in the file.
/// </summary>
/// <param name="Model">How actions are computed.</param>
/// <param name="Inputs">Images, state and prompt.</param>
/// <param name="Normalization">State and action statistics, or null when the model takes raw values (remote servers normalize themselves).</param>
/// <param name="Actions">What the actions mean and how chunks are executed.</param>
public sealed record PolicyManifest(PolicyModel Model, PolicyInputs Inputs, PolicyNormalization? Normalization, ActionSpace Actions);
