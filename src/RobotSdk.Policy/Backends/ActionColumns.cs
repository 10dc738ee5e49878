using RobotSdk.Policy.Preprocessing;

namespace RobotSdk.Policy.Backends;

/// <summary>Turns a model's action rows (padded to its own width) into the runner's chunk: the used columns, denormalized.</summary>
internal static class ActionColumns
{
    /// <summary>
    /// Copies the first <paramref name="dimensions"/> of each <paramref name="modelDimensions"/>-wide row of
    /// <paramref name="modelActions"/> into <paramref name="chunk"/> (rows of <paramref name="dimensions"/>) and
    /// restores them with <paramref name="actions"/>, when the manifest normalizes actions.
    /// </summary>
    public static void Extract(ReadOnlySpan<float> modelActions, int modelDimensions, int dimensions, int rows, Normalizer? actions, Span<float> chunk)
    {
        for (int row = 0; row < rows; row++)
        {
            modelActions.Slice(row * modelDimensions, dimensions).CopyTo(chunk.Slice(row * dimensions, dimensions));
        }

        actions?.DenormalizeChunk(chunk[..(rows * dimensions)], dimensions, chunk);
    }

    /// <summary>Throws when <paramref name="chunk"/> cannot hold <paramref name="rows"/> × <paramref name="dimensions"/> values.</summary>
    public static void CheckChunk(Memory<float> chunk, int rows, int dimensions)
    {
        if (chunk.Length < rows * dimensions)
        {
            throw new ArgumentException($"The chunk buffer holds {chunk.Length} values; a chunk of actions.chunk_length {rows} × actions.dimensions {dimensions} needs {rows * dimensions}.", nameof(chunk));
        }
    }
}
