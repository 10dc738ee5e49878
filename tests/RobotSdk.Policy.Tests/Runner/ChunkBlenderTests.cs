using RobotSdk.Policy.Runner;

namespace RobotSdk.Policy.Tests.Runner;

public sealed class ChunkBlenderTests
{
    [Fact]
    public void Shift_MovesRowsLeftByTheExecutedSteps_AndRepeatsTheLastRowPastTheEnd()
    {
        // 4 rows of 2 numbers: row r = (r, 10 r).
        float[] previous = [0, 0, 1, 10, 2, 20, 3, 30];
        var prefix = new float[8];

        ChunkBlender.Shift(previous, 2, prefix, 2);

        Assert.Equal([2, 20, 3, 30, 3, 30, 3, 30], prefix);
    }

    [Fact]
    public void Shift_ByZero_CopiesTheChunk()
    {
        float[] previous = [1, 2, 3, 4];
        var prefix = new float[4];

        ChunkBlender.Shift(previous, 0, prefix, 2);

        Assert.Equal(previous, prefix);
    }

    [Fact]
    public void Blend_WeighsThePrefixByWPerRow()
    {
        float[] prefix = [10, 20, 10, 20, 10, 20];
        float[] weights = [1, 0.25f, 0];
        float[] chunk = [0, 0, 2, 4, 6, 8];

        ChunkBlender.Blend(prefix, weights, chunk, 2);

        // Row 0 becomes Y; row 1 = 0.25 Y + 0.75 new = (2.5 + 1.5, 5 + 3); row 2 stays new.
        Assert.Equal([10, 20, 4, 8, 6, 8], chunk);
    }

    [Fact]
    public void Blend_RejectsAChunkThatIsNotWholeRows()
    {
        var exception = Assert.Throws<ArgumentException>(() => ChunkBlender.Blend(new float[5], new float[3], new float[5], 2));

        Assert.Contains("5 values", exception.Message);
    }

    [Fact]
    public void Blend_RejectsAPrefixOfAnotherSize()
    {
        var exception = Assert.Throws<ArgumentException>(() => ChunkBlender.Blend(new float[4], new float[3], new float[6], 2));

        Assert.Equal("prefix", exception.ParamName);
    }
}
