using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

public sealed class ChunkScheduleTests
{
    // Three rows of one number: row r = base + r.
    private static float[] Chunk(float first) => [first, first + 1, first + 2];

    [Fact]
    public void TryGetAction_FindsNothing_BeforeTheFirstChunk()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.Asynchronous);

        Assert.False(schedule.TryGetAction(0, new float[1], out ActionAnchor? anchor));
        Assert.Null(anchor);
        Assert.Equal(0, schedule.ExhaustedGeneration);
    }

    [Fact]
    public void TryGetAction_GivesTheRowOfTheStep_AndSwitchesToANewChunkAtOnce()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.Asynchronous);
        var first = new ActionAnchor(1, 0);
        var second = new ActionAnchor(1, 0);
        var action = new float[1];
        schedule.Publish(Chunk(100), firstStep: 10, rows: 3, first);

        Assert.True(schedule.TryGetAction(11, action, out ActionAnchor? anchor));
        Assert.Equal(101, action[0]);
        Assert.Same(first, anchor);

        // Observed at step 11, arriving at step 12: its row 1 belongs to step 12 (row 0 is already past).
        schedule.Publish(Chunk(200), firstStep: 11, rows: 3, second);
        Assert.True(schedule.TryGetAction(12, action, out anchor));
        Assert.Equal(201, action[0]);
        Assert.Same(second, anchor);
    }

    [Fact]
    public void TryGetAction_RunsOut_AfterTheLastRow_AndRecordsWhichChunkRanOut()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.Asynchronous);
        long generation = schedule.Publish(Chunk(0), firstStep: 0, rows: 3, null);
        var action = new float[1];

        Assert.True(schedule.TryGetAction(2, action, out _));
        Assert.Equal(0, schedule.ExhaustedGeneration);
        Assert.False(schedule.TryGetAction(3, action, out _));
        Assert.Equal(generation, schedule.ExhaustedGeneration);
        Assert.Equal(2, action[0]); // untouched: the runner holds the last target
    }

    [Fact]
    public void Synchronous_StartsAChunkAtTheFirstStepThatAsks_AndEndsItAfterItsRows()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.Synchronous);
        var action = new float[1];
        schedule.Publish(Chunk(0), ChunkSchedule.AtFirstRequest, rows: 2, null);

        Assert.True(schedule.TryGetAction(40, action, out _));
        Assert.Equal(0, action[0]);
        Assert.True(schedule.TryGetAction(41, action, out _));
        Assert.Equal(1, action[0]);
        Assert.False(schedule.TryGetAction(42, action, out _)); // s = 2 rows executed: used up
        Assert.Equal(1, schedule.ExhaustedGeneration);
    }

    [Fact]
    public void TemporalEnsembling_AveragesThePublishedChunks()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.TemporalEnsembling, ensembleCapacity: 4, ensembleDecay: 0);
        var action = new float[1];
        schedule.Publish(Chunk(0), firstStep: 0, rows: 3, null);
        schedule.Publish(Chunk(10), firstStep: 1, rows: 3, null);

        Assert.True(schedule.TryGetAction(1, action, out _));

        Assert.Equal((1 + 10) / 2f, action[0]);
    }

    [Fact]
    public void TemporalEnsembling_RejectsAChunkWithoutItsStep()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.TemporalEnsembling, 4, 0.01);

        Assert.Throws<ArgumentException>(() => schedule.Publish(Chunk(0), ChunkSchedule.AtFirstRequest, 3, null));
    }

    [Fact]
    public void AnAnchor_StaysReserved_WhileTheControlThreadMapsWithIt_EvenAfterANewerChunk()
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.Asynchronous);
        var first = new ActionAnchor(1, 0);
        var second = new ActionAnchor(1, 0);
        var spare = new ActionAnchor(1, 0);
        schedule.Publish(Chunk(0), 0, 3, first);
        schedule.TryGetAction(0, new float[1], out _);

        schedule.Publish(Chunk(0), 1, 3, second);

        Assert.True(schedule.IsAnchorReserved(first)); // still being mapped with
        Assert.True(schedule.IsAnchorReserved(second)); // the current chunk's
        Assert.False(schedule.IsAnchorReserved(spare));
        schedule.ReleaseAnchor();
        Assert.False(schedule.IsAnchorReserved(first));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Publish_RejectsRowsOutsideTheChunk(int rows)
    {
        var schedule = new ChunkSchedule(3, 1, ChunkExecution.Asynchronous);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Publish(Chunk(0), 0, rows, null));

        Assert.Equal("rows", exception.ParamName);
    }

    [Fact]
    public void TryGetAction_AllocatesNothing()
    {
        var schedule = new ChunkSchedule(50, 14, ChunkExecution.Asynchronous);
        var chunk = new float[50 * 14];
        var action = new float[14];
        schedule.Publish(chunk, 0, 50, null);
        schedule.TryGetAction(0, action, out _);
        schedule.ReleaseAnchor();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 1; step < 60; step++)
        {
            schedule.TryGetAction(step, action, out _);
            schedule.ReleaseAnchor();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
