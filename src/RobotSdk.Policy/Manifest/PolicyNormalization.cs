namespace RobotSdk.Policy.Manifest;

/// <summary>
/// Normalization of the state the model receives and of the actions it returns. Remote openpi
/// servers normalize themselves, so their manifests usually have none.
/// </summary>
/// <param name="State">Statistics for the concatenated state inputs, or null to send raw state.</param>
/// <param name="Actions">Statistics for the actions (inverted after the model), or null for raw actions.</param>
public sealed record PolicyNormalization(NormalizationStatistics? State, NormalizationStatistics? Actions);
