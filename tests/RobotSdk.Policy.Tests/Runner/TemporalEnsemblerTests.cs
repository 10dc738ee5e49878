using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

public sealed class TemporalEnsemblerTests
{
    [Fact]
    public void TryCompute_WeighsTheOldestChunkMost_ByExpMinusMTimesAge()
    {
        var ensembler = new TemporalEnsembler(chunkLength: 3, dimensions: 1, capacity: 4, decay: 0.5);
        ensembler.Add([10, 11, 12], firstStep: 0);
        ensembler.Add([20, 21, 22], firstStep: 1);
        ensembler.Add([30, 31, 32], firstStep: 2);
        var action = new float[1];

        // Step 2 is covered by all three: rows 2, 1 and 0, weights 1, e^-0.5, e^-1.
        Assert.True(ensembler.TryCompute(2, action));
        double w1 = Math.Exp(-0.5), w2 = Math.Exp(-1);
        double expected = ((12 * 1) + (21 * w1) + (30 * w2)) / (1 + w1 + w2);
        Assert.Equal(expected, action[0], 4);

        // Step 3: the first chunk has ended; the second is now the oldest (weight 1).
        Assert.True(ensembler.TryCompute(3, action));
        Assert.Equal(((22 * 1) + (31 * w1)) / (1 + w1), action[0], 4);
    }

    [Fact]
    public void TryCompute_AveragesEquallyWithZeroDecay()
    {
        var ensembler = new TemporalEnsembler(2, 2, 2, decay: 0);
        ensembler.Add([1, 100, 3, 300], firstStep: 5);
        ensembler.Add([5, 500, 7, 700], firstStep: 6);
        var action = new float[2];

        Assert.True(ensembler.TryCompute(6, action));

        Assert.Equal([4, 400], action);
    }

    [Fact]
    public void Add_ReplacesTheOldestChunk_WhenTheRingIsFull()
    {
        var ensembler = new TemporalEnsembler(4, 1, capacity: 2, decay: 0);
        ensembler.Add([1, 1, 1, 1], 0);
        ensembler.Add([2, 2, 2, 2], 0);
        ensembler.Add([3, 3, 3, 3], 0);
        var action = new float[1];

        Assert.True(ensembler.TryCompute(1, action));

        Assert.Equal(2, ensembler.Count);
        Assert.Equal(2.5f, action[0]);
    }

    [Fact]
    public void TryCompute_ReturnsFalse_WhenNoChunkCoversTheStep()
    {
        var ensembler = new TemporalEnsembler(2, 1, 2, 0.01);
        var action = new float[] { 42 };

        Assert.False(ensembler.TryCompute(0, action));
        ensembler.Add([1, 2], firstStep: 10);
        Assert.False(ensembler.TryCompute(12, action));
        Assert.False(ensembler.TryCompute(9, action));
        Assert.Equal(42, action[0]);
    }

    [Fact]
    public void Add_RejectsAChunkOlderThanTheNewest()
    {
        var ensembler = new TemporalEnsembler(2, 1, 2, 0.01);
        ensembler.Add([1, 2], firstStep: 10);

        var exception = Assert.Throws<ArgumentException>(() => ensembler.Add([3, 4], firstStep: 9));

        Assert.Contains("step order", exception.Message);
    }

    [Fact]
    public void TryCompute_AllocatesNothing()
    {
        var ensembler = new TemporalEnsembler(50, 14, 51, 0.01);
        var chunk = new float[50 * 14];
        for (int i = 0; i < 60; i++)
        {
            ensembler.Add(chunk, i);
        }

        var action = new float[14];
        ensembler.TryCompute(55, action);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 56; step < 100; step++)
        {
            ensembler.TryCompute(step, action);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
