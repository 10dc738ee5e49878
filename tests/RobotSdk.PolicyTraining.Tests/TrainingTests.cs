using RobotSdk.Policy.Preprocessing;

namespace RobotSdk.PolicyTraining.Tests;

/// <summary>The trainer learns from demonstrations, repeatably.</summary>
public sealed class TrainingTests
{
    [Fact]
    public void TrainingOnATinyDataset_ReducesTheLoss_AndRepeatsBitForBit()
    {
        (DemonstrationDataset dataset, _) = DemonstrationRecorder.Record("so101", 21, 2);
        var state = new Normalizer(TouchCubeManifest.StateStatistics(dataset));
        var actions = new Normalizer(TouchCubeManifest.ActionStatistics(dataset));
        var options = new TrainingOptions { Epochs = 40, HiddenLength = 16, BatchSize = 16, LearningRate = 3e-3, ValidationEvery = 0, Seed = 5 };

        TrainingResult first = new MlpTrainer(options).Train(dataset, state, actions);
        TrainingResult second = new MlpTrainer(options).Train(dataset, state, actions);

        Assert.Equal(40, first.TrainingLoss.Count);
        Assert.True(first.TrainingLoss[^1] < 0.5 * first.TrainingLoss[0], $"loss went from {first.TrainingLoss[0]} to {first.TrainingLoss[^1]}");
        Assert.Equal(first.TrainingLoss, second.TrainingLoss);
        for (int p = 0; p < first.Network.Parameters.Length; p++)
        {
            Assert.Equal(first.Network.Parameters[p], second.Network.Parameters[p]);
        }
    }
}
