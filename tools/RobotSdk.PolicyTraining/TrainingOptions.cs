namespace RobotSdk.PolicyTraining;

/// <summary>Settings of <see cref="MlpTrainer"/>.</summary>
internal sealed record TrainingOptions
{
    /// <summary>Passes over the training samples.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Samples per gradient step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Units per hidden layer.</summary>
    public int HiddenLength { get; init; } = 128;

    /// <summary>Adam's step size at the start; it decays along a cosine to 1% of this by the last epoch.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds the weights and the shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Episodes whose seed modulo this is 0 are held out to measure generalization (0 holds none out).
    /// </summary>
    public int ValidationEvery { get; init; } = 10;

    /// <summary>
    /// A batch is split into this many fixed parts whose gradients are computed in parallel and summed
    /// in order, so results do not depend on the machine's core count.
    /// </summary>
    public int Partitions { get; init; } = 8;
}
