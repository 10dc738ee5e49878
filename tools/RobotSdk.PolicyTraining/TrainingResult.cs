namespace RobotSdk.PolicyTraining;

/// <summary>What <see cref="MlpTrainer.Train"/> produced.</summary>
/// <param name="Network">The trained network.</param>
/// <param name="TrainingLoss">Mean squared error on normalized actions over each epoch's training samples.</param>
/// <param name="ValidationLoss">The same on the held-out samples after each epoch (empty when none are held out).</param>
/// <param name="TrainingSamples">Samples trained on.</param>
/// <param name="ValidationSamples">Samples held out.</param>
/// <param name="Seconds">Wall time of the training loop.</param>
internal sealed record TrainingResult(
    MlpPolicyNetwork Network,
    IReadOnlyList<double> TrainingLoss,
    IReadOnlyList<double> ValidationLoss,
    int TrainingSamples,
    int ValidationSamples,
    double Seconds);
