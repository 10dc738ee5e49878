namespace RobotSdk.PolicyTraining;

/// <summary>The outcome of evaluating a policy on one arm.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Episodes">Each episode's outcome.</param>
/// <param name="InferenceMillisecondsMedian">Median time of one ONNX Runtime run, milliseconds.</param>
internal sealed record EvaluationResult(string Arm, IReadOnlyList<EpisodeOutcome> Episodes, double InferenceMillisecondsMedian)
{
    /// <summary>Fraction of episodes that succeeded.</summary>
    public double SuccessRate => Episodes.Count == 0 ? 0 : (double)Episodes.Count(episode => episode.Succeeded) / Episodes.Count;
}
